/** Where JSON text stops being valid: a 0-based offset and its 1-based line and column. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** The outcome of {@link parseJsonWithLocation}. */
export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

class Stop extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A strict JSON scanner (RFC 8259) that only finds the offset of the first syntax error: V8's
 * `JSON.parse` messages do not always carry a position (`Unexpected token '}', "…" is not valid JSON`).
 * Returns null for valid JSON.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const char = text[i] ?? '';
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        const next = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else throw new Stop(i);
      } else if (char.charCodeAt(0) < 0x20) {
        throw new Stop(i);
      } else {
        i++;
      }
    }
    throw new Stop(i);
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') throw new Stop(i);
        string();
        space();
        if (text[i] !== ':') throw new Stop(i);
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else throw new Stop(i);
      }
    }
    if (char === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else throw new Stop(i);
      }
    }
    if (char === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    throw new Stop(i);
  };
  try {
    value();
    space();
    if (i < text.length) throw new Stop(i);
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * `JSON.parse` that reports where a syntax error is (line and column, 1-based). A leading
 * byte-order mark is ignored.
 */
export function parseJsonWithLocation(source: string): JsonParse {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    // V8 echoes the whole text ("…" is not valid JSON) and appends "in JSON at position N".
    const message = raw.replace(/,\s*".*" is not valid JSON$/s, '').replace(/\s*in JSON at position \d+.*$/s, '');
    const positioned = /at position (\d+)/.exec(raw);
    const offset = jsonErrorOffset(text) ?? (positioned ? Number(positioned[1]) : text.length);
    const described = text.trim() === '' ? 'the file is empty' : offset >= text.length ? 'unexpected end of the file' : message;
    return { ok: false, error: { message: described, offset, ...lineAndColumn(text, offset) } };
  }
}
