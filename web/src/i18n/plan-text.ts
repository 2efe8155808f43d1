/** Words of the 规划文本 reader (pages/plan-text). */
export const zh = {
  readerTitle: '规划文本',
  contents: '目录',
  relatedIndicators: '本节指标',
  relatedTasks: '本节任务目标',
  noPlanText: '本规划未收录正文，仅有主要指标',
} as const;

export const en: Record<keyof typeof zh, string> = {
  readerTitle: 'Plan text',
  contents: 'Contents',
  relatedIndicators: 'Indicators of this section',
  relatedTasks: 'Task targets of this section',
  noPlanText: 'This plan holds its indicators only, not its text',
};
