import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CalendarDay } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { resetWorkingCalendar } from '../../hooks/use-working-calendar';
import { useRequest } from '../../hooks/use-request';

/** The working-day calendar: years (published or not), holidays and make-up working days. */
export function CalendarPage() {
  const years = useRequest(() => api.calendarYears(), []);
  const [year, setYear] = useState(dayjs().year());
  const detail = useRequest(() => api.calendarYear(year), [year]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ date: Dayjs; kind: string; name?: string }>();

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      void message.success(ok);
      resetWorkingCalendar();
      detail.reload();
      years.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  const yearOptions = [
    ...new Set([
      ...(years.data?.items ?? []).map((y) => y.year),
      dayjs().year(),
      dayjs().year() + 1,
    ]),
  ].sort();

  return (
    <Card>
      <PageHeader
        title="工作日历"
        extra={
          <>
            <Select
              value={year}
              onChange={setYear}
              options={yearOptions.map((y) => ({ value: y, label: `${y} 年` }))}
              style={{ width: 120 }}
            />
            <Button onClick={() => setAdding(true)}>新增调整</Button>
            {detail.data && !detail.data.published && (
              <Popconfirm
                title={`确认已按国务院安排录入 ${year} 年节假日，标记为已发布？`}
                okText="发布"
                cancelText="取消"
                onConfirm={() => act(() => api.publishYear(year), '已发布')}
              >
                <Button type="primary">标记已发布</Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <AsyncView {...detail}>
        {(d) => (
          <>
            <Space style={{ marginBottom: 12 }}>
              {d.published ? (
                <Tag color="green">{year} 年已发布</Tag>
              ) : (
                <Tag color="orange">{year} 年未发布：期限按周一至周五推算并标注“日历未核实”</Tag>
              )}
            </Space>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              dataSource={d.days}
              pagination={{ pageSize: 20 }}
              locale={{ emptyText: '该年没有放假或调休安排' }}
              columns={[
                {
                  title: '日期',
                  dataIndex: 'date',
                  render: (v: string) => `${v}（${'日一二三四五六'[dayjs(v).day()]}）`,
                },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  render: (v: string) =>
                    v === 'holiday' ? (
                      <Tag color="red">放假</Tag>
                    ) : (
                      <Tag color="blue">调休上班</Tag>
                    ),
                },
                { title: '名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                {
                  title: '来源',
                  dataIndex: 'source',
                  render: (v: string) => (v === 'official' ? '国务院安排' : '管理员录入'),
                },
                {
                  title: '操作',
                  key: 'a',
                  render: (_: unknown, day: CalendarDay) => (
                    <Popconfirm
                      title="删除后恢复为普通安排，相关期限将重算"
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => act(() => api.deleteCalendarDay(day.date), '已删除')}
                    >
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </>
        )}
      </AsyncView>
      <Modal
        open={adding}
        title="新增或更正一天"
        okText="保存"
        cancelText="取消"
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await form.validateFields();
          await act(
            () => api.putCalendarDay(v.date.format('YYYY-MM-DD'), v.kind, v.name),
            '已保存',
          );
          setAdding(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select
              options={[
                { value: 'holiday', label: '放假（周一至周五）' },
                { value: 'workday', label: '调休上班（周六或周日）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="名称">
            <Input placeholder="如：春节" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
