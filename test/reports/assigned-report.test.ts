/**
 * Word reports print the assignment a 「完成上级下达目标」 row is judged on (issue 17 §2): the
 * assigned figure, the document it comes from and who recorded it, in the row's paragraph and under
 * the appendix table — the .docx from the API read back as text, on both dialects.
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnDate } from '../../src/reports/word/format.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from '../server/harness.js';

const DOC = '嘉兴市“十四五”能耗强度降低目标分解方案（测试文件，嘉测〔2022〕1号）';

describe.each(DIALECTS)('assignments in the Word reports on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
    const put = (body: unknown) => api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/assigned-targets/14', body);
    expect((await put({ target: '[14.5]', source: { title: DOC, url: 'https://example.org/jiace-2022-1' } })).statusCode).toBe(200);
    expect((await put({ year: 2023, target: '3以上', source: { title: '2023年度能耗强度降低目标（测试文件）' } })).statusCode).toBe(200);
    for (const [year, value] of [
      [2021, 3.1],
      [2022, 3.4],
      [2023, 3.2],
    ] as const) {
      const saved = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
        indicatorId: '14',
        year,
        value,
        source: { title: '秀洲区统计局（测试录入）' },
        submit: true,
      });
      expect(saved.statusCode).toBe(200);
      expect((await api.admin.request('POST', `/api/v1/values/${saved.json().id}/approve`, {})).statusCode).toBe(200);
    }
  });
  afterAll(async () => api.cleanup());

  const text = async (kind: 'annual' | 'final', query = ''): Promise<string> => {
    const res = await api.anonymous.request('GET', `/api/v1/plans/xiuzhou-14th/reports/${kind}.docx${query}`);
    expect(res.statusCode).toBe(200);
    return (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
  };
  const today = cnDate(new Date());

  it('the annual report gives the period’s and the year’s assignment with document, recorder and date', async () => {
    const t = await text('annual', '?year=2023');
    expect(t).toContain(
      `该指标规划目标为「完成上级下达目标」，按上级下达值评价：规划期下达值「[14.5]」，依据${DOC}（https://example.org/jiace-2022-1），由admin于${today}录入；2023年下达值「3以上」，依据2023年度能耗强度降低目标（测试文件），由admin于${today}录入。`,
    );
    expect(t).toContain(`上级下达值：表中「完成上级下达目标」的指标按上级下达值评价。单位地区生产总值能源消耗降低：规划期下达值「[14.5]」`);
    // Rows with no assignment recorded stay parked, and print no assignment.
    expect(t).not.toContain('单位地区生产总值二氧化碳排放降低：规划期下达值');
  });

  it('the final report gives it too, and a year other than the report’s is not claimed for an annual report', async () => {
    expect(await text('final')).toContain(`规划期下达值「[14.5]」，依据${DOC}`);
    const y2022 = await text('annual', '?year=2022');
    expect(y2022).toContain(`规划期下达值「[14.5]」，依据${DOC}`);
    expect(y2022).not.toContain('2023年下达值');
  });
});
