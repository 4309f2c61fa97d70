import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { describeError } from '../api/api-error';

/** Loading, error (with retry) and empty states around a loaded value. */
export function AsyncView<T>({
  loading,
  error,
  data,
  reload,
  isEmpty,
  emptyText = '暂无数据',
  children,
}: {
  loading: boolean;
  error: unknown;
  data: T | undefined;
  reload?: () => void;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (error) {
    return (
      <Result
        status="warning"
        title="加载失败"
        subTitle={describeError(error)}
        extra={reload && <Button onClick={reload}>重试</Button>}
      />
    );
  }
  if (data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="加载中…">
          <div style={{ height: 40 }} />
        </Spin>
      </div>
    );
  }
  if (isEmpty?.(data)) return <Empty description={emptyText} />;
  return <Spin spinning={loading}>{children(data)}</Spin>;
}
