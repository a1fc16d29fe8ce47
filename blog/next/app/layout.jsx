// The page shell: KaTeX's CSS, the kit's output styles and a readable column.
import 'katex/dist/katex.min.css';
import '../nb/nb-output.css';
import './globals.css';

export const metadata = { title: 'Lessons' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
