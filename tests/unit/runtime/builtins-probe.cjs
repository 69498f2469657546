// Runs inside a child started with the sandbox's Node flags (tests/unit/runtime/builtins.test.ts): which built-in
// modules load at all, and what each dangerous operation does. Prints one JSON object.
// argv[3]: the names to try, as JSON (the test's own list: a module a flag switches off is missing from the
// child's module.builtinModules).
const out = { available: {}, probes: {} };
for (const name of JSON.parse(process.argv[3])) {
  try {
    out.available[name] = process.getBuiltinModule(name) !== undefined;
  } catch (e) {
    out.available[name] = false;
  }
}
const sync = (name, f) => {
  try {
    f();
    out.probes[name] = 'allowed';
  } catch (e) {
    out.probes[name] = `denied ${e.code ?? e.name}`;
  }
};
const m = (n) => process.getBuiltinModule(n);
// The test checks afterwards that nothing was created under this prefix (argv[2], a fresh folder).
const tmp = `${process.argv[2]}/probe`;
sync('fs write', () => m('node:fs').writeFileSync(tmp, 'x'));
sync('fs read outside', () => m('node:fs').readFileSync('/etc/passwd'));
sync('child_process', () => m('node:child_process').execFileSync('/bin/true'));
sync('cluster', () => m('node:cluster').fork());
sync('worker_threads', () => new (m('node:worker_threads').Worker)('1', { eval: true }));
sync('inspector', () => m('node:inspector').open(0));
sync('inspector/promises', () => new (m('node:inspector/promises').Session)().connectToMainThread());
sync('wasi', () => new (m('node:wasi').WASI)({ version: 'preview1', preopens: { '/': '/' } }));
sync('trace_events', () => m('node:trace_events').createTracing({ categories: ['node'] }).enable());
sync('module.register', () => m('node:module').register('data:text/javascript,'));
sync('module.registerHooks', () => m('node:module').registerHooks({ resolve: (s, c, n) => n(s, c) }));
sync('process.dlopen', () => process.dlopen({ exports: {} }, '/lib/x86_64-linux-gnu/libc.so.6'));
sync('process.binding', () => process.binding('fs'));
sync('v8.writeHeapSnapshot', () => m('node:v8').writeHeapSnapshot(tmp + '.heapsnapshot'));
sync('sqlite', () => new (m('node:sqlite').DatabaseSync)(tmp + '.db'));
sync('ffi', () => m('node:ffi').dlopen('libc.so.6'));
sync('repl history', () => m('node:fs').appendFileSync(tmp + '.history', 'x'));
const net = (name, start) =>
  new Promise((resolve) => {
    try {
      const s = start();
      s.once('error', (e) => resolve((out.probes[name] = `denied ${e.code}`)));
      s.once('connect', () => resolve((out.probes[name] = 'allowed')));
      s.once('listening', () => resolve((out.probes[name] = 'allowed')));
    } catch (e) {
      resolve((out.probes[name] = `denied ${e.code ?? e.name}`));
    }
  });
Promise.all([
  net('net connect', () => m('node:net').connect(1, '127.0.0.1')),
  net('net listen', () => m('node:net').createServer().listen(0)),
  net('dgram bind', () => m('node:dgram').createSocket('udp4').bind(0)),
  new Promise((resolve) => m('node:dns').lookup('localhost', (e) => resolve((out.probes['dns lookup'] = e ? `denied ${e.code}` : 'allowed')))),
]).then(() => {
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
});
