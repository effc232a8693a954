// Stands in, in the Lambda bundle only, for modules that just Bolt's Express, HTTP and Socket Mode
// receivers use. The function uses the Lambda receiver, so these are never called; bundling them
// would double the bundle. Any use fails loudly instead of quietly doing nothing.
'use strict';
function unavailable() {
  throw new Error(
    'access-findings: this module is left out of the Lambda bundle (only Bolt’s other receivers use it)',
  );
}
module.exports = new Proxy(unavailable, {
  get: (target, key) => (key === '__esModule' ? false : key === 'default' ? target : unavailable),
  construct: unavailable,
  ownKeys: () => ['prototype'],
});
