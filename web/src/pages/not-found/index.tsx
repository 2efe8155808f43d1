import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from '../../i18n';
import { navigate } from '../../router';

export default function NotFound(): ReactNode {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}
