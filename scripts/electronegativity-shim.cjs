// Electronegativity 1.10 requires 'commander' without declaring it, relying on the commander 5 its own dependency
// @electron/asar brings. In our tree the hoisted commander is 14 (the CLI's), whose API differs, so requests for
// 'commander' coming from Electronegativity are pointed at @electron/asar's copy. Nothing else is affected.
const Module = require('node:module');
const path = require('node:path');

const scannerDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const asarDir = path.dirname(require.resolve('@electron/asar/package.json', { paths: [scannerDir] }));
const legacyCommander = require.resolve('commander', { paths: [asarDir] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent && parent.filename && parent.filename.startsWith(scannerDir)) return legacyCommander;
  return resolve.call(this, request, parent, ...rest);
};
