// The kernelspec's program: starts this project's kernel (kernel-main.cjs) from its startup snapshot when there is one (snapshot.cjs), else in this process.
'use strict';
if (!process.argv[2]) {
  console.error('usage: node scripts/kernel/kernel.cjs <connection_file>');
  process.exit(2);
}
if (!require('./snapshot.cjs').launch()) require('./kernel-main.cjs');
