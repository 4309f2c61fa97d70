import { InboxOutlined } from '@ant-design/icons';
import { Alert, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { describeError } from '../../api/api-error';

/** Drop a CSV/XLSX file; runs `upload` and shows its report. */
export function FileImportCard<T>({
  hint,
  upload,
  renderReport,
}: {
  hint: string;
  upload: (file: File) => Promise<T>;
  renderReport: (report: T) => ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<string>();
  return (
    <>
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(undefined);
          setReport(null);
          try {
            setReport(await upload(file as File));
          } catch (err) {
            setError(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在导入…' : '点击或拖入 CSV / XLSX 文件'}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
      {report && <div style={{ marginTop: 16 }}>{renderReport(report)}</div>}
    </>
  );
}
