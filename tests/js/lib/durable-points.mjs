// Points whose content is a pure function of their id, so a verifier that only knows the id can check them.

export const DURABLE_DIM = 8;

/** Components are multiples of 1/1024 in [-0.5, 0.5): exact in float32, stored as sent (Euclid, no normalising). */
export function durableVector(id) {
  return Array.from({ length: DURABLE_DIM }, (_, j) => (((id * 31 + j * 17) % 1024) / 1024) - 0.5);
}

export function durablePayload(id) {
  return {
    id,
    tag: `t${id % 7}`,
    even: id % 2 === 0,
    nested: { sq: (id * id) % 100003, list: [id % 3, id % 5], text: `point number ${id}` },
  };
}

export function durablePoint(id) {
  return { id, vector: durableVector(id), payload: durablePayload(id) };
}

/** Reads a file of one id per line (the writer appends whole lines; a torn last line is ignored). */
export function readIdFile(fs, path) {
  if (!fs.existsSync(path)) return [];
  const text = fs.readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (!text.endsWith('\n')) lines.pop();
  return lines.filter((l) => l.length > 0).map(Number);
}
