// Loads the compiled app (dist/app.cjs) with V8's code cache, for `npm start`. Node 20's module loaders cannot use
// one (module.enableCompileCache arrived in Node 22), and compiling a bundle of this size, plus the functions that run
// while it starts, is most of a start: with the cache a restart skips both. The cache is written beside the bundle
// (src/entry.ts: after a start, and when the app stops) and taken only for the same bundle: the file starts with the
// bundle's size and modification time (V8's own check compares only the source's length, so a rebuilt bundle of the
// same length would otherwise get the old code), and V8 rejects one from another V8 or other flags. A stale or
// rejected cache is rewritten.
// The bundle is already inside Node's CommonJS wrapper (scripts/build.mjs puts it there), so its source is compiled as
// read: wrapping it here would make V8 keep a second copy of the whole source until a full garbage collection.
// Stack traces name lines of the bundle as it is on disk (readable: each module in it starts with a comment naming
// its file in src/ or node_modules). The bundle ships no source map: Node applies maps only to what its own loaders
// compile, and parsing this one on the first stack trace held about 170 MB for the rest of the process's life.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CompiledModule<T> {
  exports: T;
  /** used: V8 took the cache; stale: it was made for another bundle; rejected: V8 refused it; absent: none yet. */
  cache: 'used' | 'stale' | 'rejected' | 'absent';
  /**
   * Writes the cache: the code compiled so far (call it once the app has started, and again when it has done its
   * work). Best effort: a read-only install starts without one. Returns whether a cache was written.
   */
  saveCache(): boolean;
}

/** Which bundle a cache was made for: its size and modification time, as the cache file's first line. */
function stampOf(file: string): Buffer {
  const { size, mtimeMs } = statSync(file);
  return Buffer.from(`goodtime-help code cache for ${size} bytes modified ${mtimeMs}\n`);
}

/** Node's CommonJS wrapper: "(function (exports, require, module, __filename, __dirname) { " and "\n});". */
export const COMMONJS_WRAPPER = Module.wrap('\0').split('\0') as [head: string, tail: string];

/**
 * Runs a CommonJS module as Node's own loader would, compiled with its code cache when there is a usable one. The file
 * holds the module inside Node's wrapper, `Module.wrap(code)`, as scripts/build.mjs writes dist/app.cjs.
 */
export function loadCompiled<T>(file: string): CompiledModule<T> {
  const cacheFile = `${file}.v8-cache`;
  const stamp = stampOf(file);
  let saved: Buffer | undefined;
  try {
    saved = readFileSync(cacheFile);
  } catch {
    saved = undefined; // first start after a build
  }
  const current = saved?.subarray(0, stamp.length).equals(stamp) === true;
  const cachedData = current ? saved?.subarray(stamp.length) : undefined;
  const source = readFileSync(file, 'utf8');
  if (!source.startsWith(COMMONJS_WRAPPER[0])) throw new Error(`${file} is not inside Node's CommonJS wrapper: build it with npm run build`);
  const script = new vm.Script(source, { filename: file, cachedData });
  const cache = !saved ? 'absent' : !current ? 'stale' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache() {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]));
        renameSync(temporary, cacheFile); // another instance starting now reads the old file or the whole new one
        return true;
      } catch {
        return false;
      }
    },
  };
}
