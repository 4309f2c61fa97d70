import type { DemoSeedResult } from './demo-seeder.service.js';

/** The logins as a table on stdout: the first thing someone trying the demo needs. */
export function printLogins(result: DemoSeedResult, port: number): void {
  const lines = [
    '',
    result.seeded
      ? `和气 演示数据已载入：${result.cases} 件案件（一年的历史案件 + 今日 12345 工单）。`
      : '和气 演示数据已存在，未重复载入。',
    `控制台：http://localhost:${port}/   接口文档：http://localhost:${port}/docs`,
    '',
    '  用户名                 密码               角色         所属单位',
    ...result.logins.map(
      (l) => `  ${l.username.padEnd(22)} ${l.password.padEnd(18)} ${pad(l.role, 12)} ${l.unit}`,
    ),
    '',
  ];
  console.log(lines.join('\n'));
}

/** Pads text whose CJK characters take two columns in a terminal. */
function pad(text: string, width: number): string {
  const used = [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - used));
}
