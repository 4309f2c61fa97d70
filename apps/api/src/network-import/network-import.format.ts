import { MAX_IMPORT_ROWS } from '@heqi/network';

/** Largest accepted upload: a district's whole network fits in far less. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The import format as the OpenAPI document describes it to the people preparing files. */
export const NETWORK_IMPORT_FORMAT = [
  `上传一个 CSV（UTF-8 或 GB18030/GBK，逗号分隔）或 XLSX 文件：multipart 字段名 file，不超过 5 MB、${MAX_IMPORT_ROWS} 行。`,
  '',
  '**格式**：每个工作表第一行是表头，之后每行一个单位或一名调解员。「类型」列填「单位」或「调解员」；' +
    'XLSX 也可以不要「类型」列，改用名为「单位」「调解员」的工作表；名称含「说明」「填写」的工作表不读取。' +
    '表头可带 * 号或括号说明，如「层级（区/镇/村/企业）」；表头上方的标题行会被跳过。',
  '',
  '- 单位行：**名称**、**层级**（区/县、镇/街道、村/社区、企业，或 district/town/village/enterprise）、' +
    '**上级**（区/县不填；其余必填）、编码、统一社会信用代码（仅企业，校验 GB 32100 校验位）、地址。',
  '- 调解员行：**名称**（或「姓名」）、**手机**（大陆手机号）、**类别**（工会专职调解员、村（社区）调解员、企业调解员、志愿律师，' +
    '或 union_staff/village_mediator/enterprise_mediator/volunteer_lawyer）、**所属单位**、' +
    '**擅长**（逗号、顿号或分号分隔，中文名称或 wages 等代码均可，「全部」表示全部类别）、**容量**（0–1000 的整数）、律所（志愿律师必填）。',
  '- 「上级」「所属单位」可写：单位名称（全网唯一时）、完整路径（如「南湖区/西塘镇/西塘村」）、单位编码或统一社会信用代码；' +
    '可以引用文件中前面行新建的单位，所以请把上级单位写在前面。',
  '',
  '**处理**：按文件顺序逐行处理，每行单独提交（与逐条调用接口相同的校验、权限和审计）：出错的行列入 rejected，不影响其他行。' +
    '同一上级下同名的单位、统一社会信用代码已登记的单位、同一单位中手机号相同的调解员视为已存在，列入 skipped，' +
    '因此同一文件重复导入不会重复创建。',
  '',
  '表头有未知或重复的列、文件无法读取、没有数据行或超过行数上限时，整个文件返回 400，不导入任何行。',
].join('\n');
