import { DownloadOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseAttachment } from '../../api/types';

/** Downloads one attachment through the API client (the download needs the bearer token). */
export function AttachmentDownloadButton({
  caseId,
  attachment,
}: {
  caseId: string;
  attachment: CaseAttachment;
}) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await api.downloadAttachment(caseId, attachment);
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={download}
      data-testid={`download-${attachment.fileName}`}
    >
      下载
    </Button>
  );
}
