/** Product defaults of domain.md; a plan file may override any of them under meta.settings. */
export const DEFAULT_SETTINGS = {
  scheduleDelta: 0.1,
  bandTolerancePct: 2,
  syncTolerancePoints: 0.5,
  basicCompletionPct: 5,
  exceedPct: 20,
  outlierZ: 3.5,
  fourEyes: false,
  sdgBands: [0.95, 0.6, 0] as [number, number, number],
  unsdBands: [0.95, 0.1] as [number, number],
  /** Filled from supervision-settings.ts's defaults where read (supervisionSettings). */
  supervision: {},
};
