/** Routes the web app needs beyond the core API (cockpit summaries and the like). */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/index.js';

export function webSupportRoutes(_app: FastifyInstance, _store: Store): void {}
