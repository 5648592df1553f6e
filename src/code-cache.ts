// Loads the compiled app (dist/app.cjs) with V8's code cache, for `npm start`. Node 20's module loaders cannot use
// one (module.enableCompileCache arrived in Node 22), and compiling a bundle of this size, plus the functions that run
// while it starts, is most of a start: with the cache a restart skips both. The cache is written beside the bundle
// after a start, taken only by the same bundle on the same V8 (V8 checks, and rejects it otherwise), and rewritten
// when rejected. Stack traces in the bundle are mapped back to src/ from its source map, read on the first trace.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SourceMap, createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CompiledModule<T> {
  exports: T;
  /** Whether a cache was there and V8 took it. */
  cache: 'used' | 'rejected' | 'absent';
  /**
   * Writes the cache (what has been compiled so far, so call it once the app has started) unless the one used is
   * current. Best effort: a read-only install starts without one. Returns whether a cache was written.
   */
  saveCache(): boolean;
}

export const cacheFileOf = (file: string) => `${file}.v8-cache`;

/** CommonJS's function around a module, on a line of its own: the module's line n is the script's line n + 1. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
const WRAPPER_LINES = 1;

/** Runs a CommonJS file as Node's own loader would, compiled with its code cache when there is a usable one. */
export function loadCompiled<T>(file: string): CompiledModule<T> {
  const cacheFile = cacheFileOf(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first start after a build
  }
  const script = new vm.Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const cache = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  mapStackTracesOf(file);
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache() {
      if (cache === 'used') return false;
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // another instance starting now reads the old file or the whole new one
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Bundles whose frames are mapped, each with its source map once read (null: none shipped). */
const mappedFiles = new Map<string, SourceMap | null | undefined>();

/**
 * Node maps stack traces only for files its own loader compiled (--enable-source-maps), so frames in `file` are
 * mapped here, through Node's SourceMap, from `file`.map (esbuild's, beside it), read when a trace first needs it.
 * Traces with no frame in such a file are left to the formatter that was there before.
 */
function mapStackTracesOf(file: string): void {
  if (mappedFiles.size === 0) {
    const previous = Error.prepareStackTrace as typeof Error.prepareStackTrace | undefined; // Node 20 has one; not every runtime does
    Error.prepareStackTrace = (error, frames) =>
      previous && !frames.some((frame) => mappedFiles.has(frame.getFileName() ?? '')) ? previous(error, frames) : [String(error), ...frames.map(describeFrame)].join('\n');
  }
  mappedFiles.set(file, mappedFiles.get(file));
}

function sourceMapOf(file: string): SourceMap | null {
  let map = mappedFiles.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null; // no map shipped: frames keep the bundle's own positions
    }
    mappedFiles.set(file, map);
  }
  return map;
}

function describeFrame(frame: NodeJS.CallSite): string {
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  const map = file && mappedFiles.has(file) && line !== null && column !== null ? sourceMapOf(file) : null;
  // Both 1-based here, 0-based in a source map.
  const entry = map?.findEntry((line as number) - 1 - WRAPPER_LINES, (column as number) - 1);
  if (!file || !entry || !('originalSource' in entry)) return `    at ${frame.toString()}`;
  const where = `${path.resolve(path.dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const name = frame.getFunctionName() ?? frame.getMethodName();
  return `    at ${frame.isAsync() ? 'async ' : ''}${name ? `${name} (${where})` : where}`;
}
