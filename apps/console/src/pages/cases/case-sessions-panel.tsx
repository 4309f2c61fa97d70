import { Button, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { SESSION_MODE_LABELS, label } from '../../labels';
import { AddSessionModal } from './add-session-modal';

/**
 * First contact and the mediation sessions held, with buttons to record them for those who may
 * (`canRecord`: the lead or a co-mediator, while in mediation).
 */
export function CaseSessionsPanel({
  detail,
  canRecord,
  onChange,
}: {
  detail: CaseDetail;
  canRecord: boolean;
  onChange: () => void;
}) {
  const sessions = useRequest(() => api.sessions(detail.id), [detail.id, detail.updatedAt]);
  const [adding, setAdding] = useState<'session' | 'contact' | null>(null);
  const contactOpen = detail.deadlines.some((d) => d.kind === 'first_contact' && d.state !== 'met');

  return (
    <>
      {canRecord && (
        <Space style={{ marginBottom: 12 }}>
          {contactOpen && (
            <Button onClick={() => setAdding('contact')} data-testid="first-contact">
              记录首次联系
            </Button>
          )}
          <Button type="primary" onClick={() => setAdding('session')} data-testid="add-session">
            添加调解记录
          </Button>
        </Space>
      )}
      <AsyncView {...sessions} isEmpty={(d) => d.items.length === 0} emptyText="暂无调解记录">
        {(d) => (
          <List
            dataSource={d.items}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={`${formatTime(s.heldAt)} · ${label(SESSION_MODE_LABELS, s.mode)}调解`}
                  description={
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {s.notes}
                    </Typography.Paragraph>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </AsyncView>
      <AddSessionModal
        open={adding === 'session'}
        title="添加调解记录"
        onClose={() => setAdding(null)}
        onSubmit={async (v) => {
          await api.addSession(detail.id, {
            heldAt: v.at,
            mode: v.mode as 'phone',
            notes: v.notes,
          });
          sessions.reload();
          onChange();
        }}
      />
      <AddSessionModal
        open={adding === 'contact'}
        title="记录首次联系申请人"
        notesRequired={false}
        withSms
        onClose={() => setAdding(null)}
        onSubmit={async (v) => {
          await api.firstContact(detail.id, {
            contactedAt: v.at,
            mode: v.mode,
            ...(v.notes && { notes: v.notes }),
          });
          onChange();
        }}
      />
    </>
  );
}
