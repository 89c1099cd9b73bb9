// Minimal `--name value` / `--flag` command-line parsing for the scenario scripts.
export function parseArgs(argv = process.argv.slice(2)) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      throw new Error(`unexpected argument ${a}`);
    }
    const name = a.slice(2);
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      args[name] = argv[++i];
    } else {
      args[name] = true;
    }
  }
  return args;
}

export function requireArg(args, name) {
  const v = args[name];
  if (v === undefined || v === true) {
    throw new Error(`missing --${name}`);
  }
  return v;
}

export function intArg(args, name, fallback) {
  const v = args[name];
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing --${name}`);
    return fallback;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${v}`);
  return n;
}
