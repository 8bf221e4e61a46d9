import { pageStrings } from '../page-strings';

export default pageStrings(
  'productImport',
  {
    nav: '批量导入 SKU',
    title: '批量导入 SKU',
    intro:
      '上传 CSV（UTF-8 或 GBK）或 XLSX 文件，每行一个 SKU。先逐行校验全部内容：只要有一行有误，就一行都不写入，并列出每个错误的行号、列和原因。可修正文件后重新上传，或明确选择只导入无误的行。',
    choose: '选择 CSV / XLSX 文件',
    template: '下载模板',
    columns:
      '列：sku_code（必填）、product_code、specs（如 颜色=黑色;尺寸=L）、supplier_price、list_price（元，最多两位小数）、stock、weight_grams、barcode、status（ACTIVE/INACTIVE 或 上架/下架）。',
    checking: '正在校验 {{done}} / {{total}} 行',
    saving: '正在导入 {{done}} / {{total}} 行',
    saved: '导入完成：新建 {{created}} 个 SKU，更新 {{updated}} 个。',
    failed: '导入失败：{{message}}',
    failedAfter: '导入中断：{{message}}（前 {{rows}} 行已写入）',
    refused: '{{total}} 行中有 {{bad}} 行有误，未导入任何内容。',
    importGood: '只导入无误的 {{count}} 行',
    missingColumn: '文件缺少必填列 {{column}}',
    row: '行号',
    column: '列',
    reason: '原因',
    reasons: {
      required: '必填',
      duplicate: '与第 {{row}} 行的 SKU 编码重复',
      specs: '规格格式应为 名称=值，用分号分隔',
      price: '“{{value}}” 不是金额（元，最多两位小数）',
      integer: '“{{value}}” 不是非负整数',
      status: '“{{value}}” 不是 ACTIVE/INACTIVE（上架/下架）',
    },
    fileErrors: {
      'too-large': '文件超过 20 MB',
      empty: '文件是空的',
      'too-many-rows': '一次最多导入 20,000 行',
    },
  },
  {
    nav: 'Import SKUs',
    title: 'Import SKUs',
    intro:
      'Upload a CSV (UTF-8 or GBK) or XLSX file, one SKU per row. Every row is checked first: if any row is wrong, nothing is written, and each error is listed with its row number, column and reason. Fix the file and upload it again, or choose explicitly to import only the good rows.',
    choose: 'Choose a CSV / XLSX file',
    template: 'Download the template',
    columns:
      'Columns: sku_code (required), product_code, specs (e.g. 颜色=黑色;尺寸=L), supplier_price, list_price (yuan, at most two decimals), stock, weight_grams, barcode, status (ACTIVE/INACTIVE).',
    checking: 'Checking {{done}} / {{total}} rows',
    saving: 'Importing {{done}} / {{total}} rows',
    saved: 'Imported: {{created}} SKUs created, {{updated}} updated.',
    failed: 'Import failed: {{message}}',
    failedAfter: 'Import interrupted: {{message}} (the first {{rows}} rows were written)',
    refused: '{{bad}} of {{total}} rows are wrong; nothing was imported.',
    importGood: 'Import only the {{count}} good rows',
    missingColumn: 'The file lacks the required column {{column}}',
    row: 'Row',
    column: 'Column',
    reason: 'Reason',
    reasons: {
      required: 'required',
      duplicate: 'the same SKU code as row {{row}}',
      specs: 'specs must be name=value pairs separated by semicolons',
      price: '“{{value}}” is not an amount (yuan, at most two decimals)',
      integer: '“{{value}}” is not a whole number ≥ 0',
      status: '“{{value}}” is not ACTIVE or INACTIVE',
    },
    fileErrors: {
      'too-large': 'The file is over 20 MB',
      empty: 'The file is empty',
      'too-many-rows': 'At most 20,000 rows per import',
    },
  },
);
