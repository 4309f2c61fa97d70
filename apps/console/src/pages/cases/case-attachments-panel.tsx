import { Table } from 'antd';
import { api } from '../../api/endpoints';
import type { CaseAttachment } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { formatBytes, formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { ATTACHMENT_TYPE_LABELS, label } from '../../labels';
import { AttachmentDownloadButton } from './attachment-download-button';
import { AttachmentUpload } from './attachment-upload';

/** The case's attachments (evidence and papers), newest first; upload for those who may. */
export function CaseAttachmentsPanel({
  caseId,
  canUpload,
  onChange,
}: {
  caseId: string;
  canUpload: boolean;
  onChange: () => void;
}) {
  const attachments = useRequest(() => api.attachments(caseId), [caseId]);
  return (
    <>
      {canUpload && (
        <AttachmentUpload
          onUpload={async (file) => {
            await api.uploadAttachment(caseId, file);
            attachments.reload();
            // The timeline records the upload.
            onChange();
          }}
        />
      )}
      <AsyncView {...attachments}>
        {(d) => (
          <Table<CaseAttachment>
            rowKey="id"
            size="small"
            pagination={false}
            // The API lists them oldest first; the latest upload is the one being looked for.
            dataSource={[...d.items].reverse()}
            locale={{ emptyText: '暂无附件' }}
            columns={[
              { title: '文件名', dataIndex: 'fileName', ellipsis: true },
              {
                title: '类型',
                dataIndex: 'contentType',
                width: 110,
                render: (v: string) => label(ATTACHMENT_TYPE_LABELS, v),
              },
              { title: '大小', dataIndex: 'sizeBytes', width: 90, render: formatBytes },
              {
                title: '上传人',
                dataIndex: 'uploadedByName',
                width: 100,
                render: (v: string | null) => v ?? '—',
              },
              { title: '上传时间', dataIndex: 'createdAt', width: 150, render: formatTime },
              {
                title: '操作',
                key: 'download',
                width: 90,
                render: (_: unknown, a) => (
                  <AttachmentDownloadButton caseId={caseId} attachment={a} />
                ),
              },
            ]}
          />
        )}
      </AsyncView>
    </>
  );
}
