import { loadConfig } from './config';
import { createApp } from './app';
import { startRetention } from './retention';
import { inFlightTurns, listen } from './server';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { startKnowledgeReload } from '../knowledge/knowledgeReload';
import { FileModelStore } from '../knowledge/matching/modelStore';
import { systemClock } from '../lib/clock';
import { AppError, errorCodeOf, errorMessageOf } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { openStore, loadDemoDataIfEmpty } from '../store/openStore';

/** How long turns in flight get to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 15_000;

/** Entry point of `npm start`: config, knowledge, database, then the HTTP server. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error: unknown) {
    process.stderr.write(`${errorMessageOf(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, base: { service: 'dibs-helpdesk-bot' } });
  try {
    // The trained matcher and its analysed texts are kept between starts; the log says whether a start reused them.
    const modelStore = config.matcherCacheDir !== undefined ? new FileModelStore(config.matcherCacheDir, (event, file) => logger.info('matcher_model', { event, file })) : undefined;
    const knowledgeOptions = { modelStore, analysisStore: modelStore };
    const kb = KnowledgeBase.load(config.knowledgeDir, knowledgeOptions);
    // An unreachable database does not stop the start: FAQ answers need none, the account flows say
    // "temporarily unavailable", and the store connects (migrating first) when the database answers.
    const store = await openStore(config.databaseUrl, logger, { startDegraded: true });
    const loadDemoData = async (): Promise<void> => {
      if (config.loadDemoData && (await loadDemoDataIfEmpty(store))) logger.info('demo_data_loaded', { merchants: 3 });
    };
    if (store.available()) await loadDemoData();
    else {
      void store
        .whenConnected()
        .then(
          () => loadDemoData().catch((error: unknown) => logger.error('demo_data_failed', { code: errorCodeOf(error), message: errorMessageOf(error) })),
          (error: unknown) => {
            // The database answered, but its migration failed: the same as at a normal start.
            logger.error('startup_failed', { code: errorCodeOf(error), message: errorMessageOf(error) });
            process.exit(1);
          },
        );
    }
    const { server, questionLog } = createApp({ config, logger, kb, store });
    const port = await listen(server, config.port, config.host);
    logger.info('listening', {
      url: `http://localhost:${port}/api/messages`,
      widget: `http://localhost:${port}/`,
      mode: config.auth ? 'bot-framework-auth' : 'local (no auth)',
      env: config.env,
      database: store.provider,
      databaseReached: store.available(),
      faqEntries: kb.entries.length,
    });

    // What start-up left to train on first need (the neighbour groups' models), off the turns' way.
    kb.warmUp().catch((error: unknown) => logger.error('matcher_warm_up_failed', { code: errorCodeOf(error), message: errorMessageOf(error) }));

    // Knowledge hot reload: edits to the YAML (debounced) and SIGHUP; a broken edit keeps the old one.
    const knowledgeReload = startKnowledgeReload({ kb, dir: config.knowledgeDir, logger, ...config.knowledgeReload, knowledge: knowledgeOptions });
    const onSighup = (): void => {
      knowledgeReload.reload('SIGHUP');
    };
    process.on('SIGHUP', onSighup);

    // Data retention: old conversation state, questions, feedback and delivery records, at start and periodically.
    const retention = startRetention({ store, clock: systemClock, logger, ...config.retention });

    // Graceful stop: no new connections, turns in flight finish (and save their state), then exit 0.
    const shutdown = (signal: string): void => {
      logger.info('shutting_down', { signal });
      knowledgeReload.stop();
      process.off('SIGHUP', onSighup);
      const http = server.server;
      const sweeper = setInterval(() => http.closeIdleConnections(), 100);
      http.close(() => {
        clearInterval(sweeper);
        // Sockets are closed; turns whose client went away may still be running (e.g. waiting on SMTP).
        const waitForTurns = setInterval(() => {
          if (inFlightTurns(server) > 0) return;
          clearInterval(waitForTurns);
          void retention
            .stop()
            // Question outcomes and feedback still being written reach the database before it closes.
            .then(() => questionLog.flush())
            .then(() => store.close())
            .finally(() => {
              logger.info('stopped', { signal });
              process.exit(0);
            });
        }, 50);
      });
      http.closeIdleConnections();
      setTimeout(() => {
        logger.warn('shutdown_timeout', { signal, turnsInFlight: inFlightTurns(server) });
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error: unknown) {
    if (error instanceof AppError) process.stderr.write(`${error.message}\n`);
    logger.error('startup_failed', { code: errorCodeOf(error), message: errorMessageOf(error) });
    process.exit(1);
  }
}

void main();
