import { Button, Table, message } from 'antd';
import { useState } from 'react';
import { api } from '../api/endpoints';
import type { CaseDetail, RevealedClaimant } from '../api/types';
import { ReasonModal } from './reason-modal';

/** Claimants with masked numbers; "查看完整号码" asks for a reason (it goes to the audit log). */
export function MaskedClaimants({ detail }: { detail: CaseDetail }) {
  const [revealed, setRevealed] = useState<RevealedClaimant[] | null>(null);
  const [asking, setAsking] = useState(false);

  const rows = detail.claimants.map((c, i) => ({
    key: i,
    name: c.name,
    phone: revealed?.[i]?.phone ?? c.phoneMasked ?? '—',
    idNumber: revealed?.[i]?.idNumber ?? c.idNumberMasked ?? '—',
  }));

  return (
    <>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '无申请人信息' }}
        columns={[
          { title: '申请人', dataIndex: 'name' },
          { title: '电话', dataIndex: 'phone' },
          { title: '身份证号', dataIndex: 'idNumber' },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        {revealed ? (
          <Button size="small" onClick={() => setRevealed(null)}>
            重新遮盖
          </Button>
        ) : (
          <Button size="small" onClick={() => setAsking(true)} data-testid="reveal-button">
            查看完整号码
          </Button>
        )}
      </div>
      <ReasonModal
        open={asking}
        title="查看完整号码"
        label="查看原因"
        placeholder="例如：联系申请人确认调解时间（将记入审计日志）"
        onClose={() => setAsking(false)}
        onSubmit={async (reason) => {
          const res = await api.reveal(detail.id, reason);
          setRevealed(res.claimants);
          void message.info('已记入审计日志');
        }}
      />
    </>
  );
}
