/** Words of 报告与导出 (pages/reports). */
export const zh = {
  reportsTitle: '报告下载',
  annualReport: '年度监测报告',
  midtermReport: '中期评估报告',
  finalReport: '期末评估报告',
  indicatorExport: '主要指标表',
  downloadWord: '下载 Word',
  building: '正在生成',
  downloaded: '已下载',
  endOfPeriodSuffix: '，期末评估',
  approvedOnlyNote: '报告与导出只使用已审核的数据。',
  generationProgress: '生成进度',
  annualReportHint:
    '当年各指标完成情况与时序进度对比、约束性指标预警、年度计划完成情况、滞后指标差距、任务目标、对策建议与附表（表2-1格式）。',
  midtermReportHint: '规划实施中期（通常为第三年，{y}年）的评估：进度、预计完成程度、还需年均增长及调整建议。',
  finalReportHint: '评估期{from}—{to}年：逐项完成、总量完成、基本完成、未完成结论（表1-1格式，正式结论与测算结论并列）。',
  indicatorExportHint: '主要指标表（表2-1格式）：数值、状态与来源，可在 Excel 中继续加工。',
  runStarting: '正在准备…',
} as const;

export const en: Record<keyof typeof zh, string> = {
  reportsTitle: 'Reports',
  annualReport: 'Annual monitoring report',
  midtermReport: 'Mid-term evaluation report',
  finalReport: 'End-of-period evaluation report',
  indicatorExport: 'Indicator table',
  downloadWord: 'Download Word',
  building: 'Building',
  downloaded: 'Downloaded',
  endOfPeriodSuffix: ', end of period',
  approvedOnlyNote: 'Reports and exports use approved values only.',
  generationProgress: 'Progress',
  annualReportHint:
    'Each indicator against the time share, binding-indicator warnings, the yearly plan, lagging indicators and their gaps, task targets, suggestions, and the appendix in the layout of table 2-1.',
  midtermReportHint:
    'The mid-term evaluation (usually the third year, {y}): progress, anticipated completion, growth still needed, adjustments.',
  finalReportHint:
    '{from}—{to}: each indicator’s verdict (Completed, Total completed, Basically completed, Not completed) in the layout of table 1-1, official beside computed.',
  indicatorExportHint: 'The indicator table (layout of table 2-1) with values, statuses and sources.',
  runStarting: 'Starting…',
};
