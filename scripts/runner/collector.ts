// Collects the iopub messages of one execute_request into nbformat outputs, as nbclient records them.
import type { KernelMessage, MimeBundle } from './messages';
import type { Output } from './notebook';

export interface CollectorOptions {
  /** Most characters of stream text kept per cell; the rest is dropped with a note (memory stays bounded). */
  maxStreamChars?: number;
}

export class OutputCollector {
  readonly outputs: Output[] = [];
  /** All stderr text of the cell, kept separately for error reports (bounded too). */
  stderr = '';
  truncatedChars = 0;
  private clearOnNext = false;
  private streamChars = 0;
  private readonly maxStreamChars: number;
  private readonly displayIds = new Map<string, Output[]>();

  constructor(options: CollectorOptions = {}) {
    this.maxStreamChars = options.maxStreamChars ?? 1_000_000;
  }

  /** Feeds one iopub message that belongs to the cell. */
  add(msg: KernelMessage): void {
    switch (msg.header.msg_type) {
      case 'stream': {
        const { name, text } = msg.content as { name: 'stdout' | 'stderr'; text: string };
        if (name === 'stderr') this.stderr = (this.stderr + text).slice(-50_000);
        this.addStream(name, text);
        break;
      }
      case 'display_data':
      case 'execute_result': {
        const c = msg.content as { data: MimeBundle; metadata?: Record<string, unknown>; transient?: { display_id?: string }; execution_count?: number | null };
        const out: Output = msg.header.msg_type === 'execute_result'
          ? { output_type: 'execute_result', data: c.data, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null }
          : { output_type: 'display_data', data: c.data, metadata: c.metadata ?? {} };
        this.push(out);
        const id = c.transient?.display_id;
        if (id) this.displayIds.set(id, [...(this.displayIds.get(id) ?? []), out]);
        break;
      }
      case 'update_display_data': {
        const c = msg.content as { data: MimeBundle; metadata?: Record<string, unknown>; transient?: { display_id?: string } };
        for (const out of this.displayIds.get(c.transient?.display_id ?? '') ?? []) {
          out.data = c.data;
          out.metadata = c.metadata ?? {};
        }
        break;
      }
      case 'error': {
        const c = msg.content as { ename: string; evalue: string; traceback: string[] };
        this.push({ output_type: 'error', ename: c.ename, evalue: c.evalue, traceback: c.traceback });
        break;
      }
      case 'clear_output': {
        if ((msg.content as { wait: boolean }).wait) this.clearOnNext = true;
        else this.clear();
        break;
      }
      default:
        break;
    }
  }

  private clear(): void {
    this.outputs.length = 0;
    this.clearOnNext = false;
    this.streamChars = 0;
  }

  private push(out: Output): void {
    if (this.clearOnNext) this.clear();
    this.outputs.push(out);
  }

  private addStream(name: string, text: string): void {
    if (this.clearOnNext) this.clear();
    const room = this.maxStreamChars - this.streamChars;
    let kept = text;
    if (room <= 0) {
      this.truncatedChars += text.length;
      return;
    }
    if (text.length > room) {
      kept = text.slice(0, room);
      this.truncatedChars += text.length - room;
    }
    this.streamChars += kept.length;
    // Consecutive chunks of one stream become one output, as Jupyter front ends show them.
    const last = this.outputs[this.outputs.length - 1];
    if (last && last.output_type === 'stream' && last.name === name) last.text = String(last.text) + kept;
    else this.outputs.push({ output_type: 'stream', name, text: kept });
  }

  /** Adds the truncation notice, if any text was dropped. Call once when the cell is finished. */
  finish(): Output[] {
    if (this.truncatedChars > 0) {
      this.outputs.push({
        output_type: 'stream', name: 'stderr',
        text: `[runner] output truncated: ${this.truncatedChars} more characters were printed than the ${this.maxStreamChars} kept per cell\n`,
      });
      this.truncatedChars = 0;
    }
    return this.outputs;
  }
}
