import fs from 'node:fs';
import path from 'node:path';
import { errorCodeOf, errorMessageOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { KnowledgeBase, type KnowledgeOptions } from './knowledgeBase';
import { formatProblem, KnowledgeError } from './loader';

/**
 * Hot reload of the knowledge base: support staff save a YAML file, and the running bot answers
 * with it within seconds. A broken edit is rejected (logged with file and problem) and the
 * previous knowledge base stays live. No bot framework here.
 */

/** Longest `details` text in a rejection log line. */
const MAX_DETAILS_CHARS = 2000;

export interface KnowledgeReloader {
  /** Loads the folder again and takes it over if it is valid. True when it was taken over. */
  reload(trigger: string): boolean;
  /** Stops watching (pending reloads are dropped). */
  stop(): void;
}

export interface KnowledgeReloadOptions {
  /** The knowledge base everyone holds; its contents are swapped on a good reload. */
  kb: KnowledgeBase;
  dir: string;
  logger: Logger;
  /** Whether to watch the folder for edits; without it only `reload()` (SIGHUP) reloads. */
  watch: boolean;
  /** Editors save in several steps: wait this long after the last change before reloading. */
  debounceMs: number;
  /** How the reloaded knowledge base is built (the trained-model store). */
  knowledge?: KnowledgeOptions;
}

/** Loads `dir` and, if it passes every check `npm run faq:check` makes, swaps it into `kb`. */
export function reloadKnowledge(kb: KnowledgeBase, dir: string, logger: Logger, trigger: string, options: KnowledgeOptions = {}): boolean {
  let fresh: KnowledgeBase;
  try {
    fresh = KnowledgeBase.load(dir, options);
    fresh.warmUpNow();
  } catch (error: unknown) {
    if (error instanceof KnowledgeError) {
      const [first] = error.problems;
      const details = error.problems.map((p) => formatProblem({ ...p, file: relativeFile(dir, p.file) }).trim()).join('; ');
      logger.warn('knowledge_reload_rejected', {
        trigger,
        file: first ? relativeFile(dir, first.file) : undefined,
        entry: first?.entry,
        field: first?.field,
        problem: first?.message,
        problems: error.problems.length,
        details: details.length > MAX_DETAILS_CHARS ? `${details.slice(0, MAX_DETAILS_CHARS)}…` : details,
        keptVersion: kb.version,
      });
    } else {
      logger.error('knowledge_reload_rejected', { trigger, code: errorCodeOf(error), problem: errorMessageOf(error), keptVersion: kb.version });
    }
    return false;
  }
  kb.replaceWith(fresh);
  logger.info('knowledge_reloaded', { trigger, entries: kb.entries.length, version: kb.version });
  return true;
}

/** Starts watching the knowledge folder and its faq/ and examples/ subfolders (non-recursive, portable). */
export function startKnowledgeReload(options: KnowledgeReloadOptions): KnowledgeReloader {
  const { kb, dir, logger } = options;
  const watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let changed = new Set<string>();

  const reload = (trigger: string): boolean => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    changed = new Set();
    return reloadKnowledge(kb, dir, logger, trigger, options.knowledge);
  };

  const onChange = (folder: string, filename: string | null): void => {
    if (stopped) return;
    // Editors' swap and backup files (.login.yaml.swp, login.yaml~, 4913) are not knowledge.
    if (filename !== null && !/\.ya?ml$/i.test(filename)) return;
    changed.add(filename === null ? folder || '.' : path.join(folder, filename));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort().join(',');
      reload(`file-change:${files}`);
    }, options.debounceMs);
    timer.unref();
  };

  if (options.watch) {
    for (const folder of ['', 'faq', 'examples']) {
      try {
        const watcher = fs.watch(path.join(dir, folder), { persistent: false }, (_event, filename) => onChange(folder, filename));
        watcher.on('error', (error: unknown) => logger.warn('knowledge_watch_failed', { folder: folder || '.', code: errorCodeOf(error) }));
        watchers.push(watcher);
      } catch (error: unknown) {
        logger.warn('knowledge_watch_failed', { folder: folder || '.', code: errorCodeOf(error) });
      }
    }
    logger.info('knowledge_watching', { folders: watchers.length, debounceMs: options.debounceMs });
  }

  return {
    reload,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** Problems name files relative to the folder (opening-hours.yaml's loader uses full paths). */
function relativeFile(dir: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(dir, file) : file;
}
