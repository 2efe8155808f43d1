/** Shapes of the supervision API (derived from the server's zod schemas; `import type` only). */
import type { z } from 'zod';
import type { AssessmentOut } from '../../../../src/server/routes/supervision-reports.js';
import type { OrderDetailOut, OrderListOut, UnitCountsOut, WarningsOut } from '../../../../src/server/routes/supervision-schemas.js';

export type Warnings = z.output<typeof WarningsOut>;
export type Warning = Warnings['items'][number];
export type OrderList = z.output<typeof OrderListOut>;
export type Order = OrderList['items'][number];
export type OrderDetail = z.output<typeof OrderDetailOut>;
export type UnitCounts = z.output<typeof UnitCountsOut>;
export type Assessment = z.output<typeof AssessmentOut>;
