import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography, Upload, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';

/**
 * What the file picker offers first. The API decides by the file's content and answers 415 for
 * anything else (415 and 413 are shown as it words them).
 */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt';

/** Picks one file and uploads it; a refusal stays on screen until the next try. */
export function AttachmentUpload({ onUpload }: { onUpload: (file: File) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div style={{ marginBottom: 12 }}>
      <Space wrap>
        <Upload
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          customRequest={async ({ file }) => {
            setBusy(true);
            setError(undefined);
            try {
              await onUpload(file as File);
              void message.success('已上传');
            } catch (err) {
              setError(describeError(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="upload-attachment">
            上传附件
          </Button>
        </Upload>
        <Typography.Text type="secondary">
          证据材料、身份证明、工资条等；PDF、图片、Word、Excel 或纯文本
        </Typography.Text>
      </Space>
      {error && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          closable
          title={error}
          data-testid="attachment-error"
          onClose={() => setError(undefined)}
        />
      )}
    </div>
  );
}
