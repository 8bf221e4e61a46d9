/**
 * Keyset paging for a list: the cursors already seen on a stack, Previous/Next buttons. Shared; the
 * Orders, Audit, Campaigns, Curation and Partner apps pages still keep their own stacks.
 */
import { useEffect, useRef, useState } from 'react';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import { useTranslation } from 'react-i18next';

export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => endCursor && setCursors((c) => [...c, endCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}

export function Pager({
  pages,
  hasNextPage,
  endCursor,
  loading,
  testId,
}: {
  pages: ReturnType<typeof useCursorPages>;
  hasNextPage: boolean | undefined;
  endCursor: string | null | undefined;
  loading: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button
        size="small"
        disabled={pages.page <= 1 || loading}
        onClick={pages.previous}
        data-testid={`${testId}-previous`}
      >
        {t('common.previous')}
      </Button>
      <Button
        size="small"
        disabled={!hasNextPage || loading}
        onClick={() => pages.next(endCursor)}
        data-testid={`${testId}-next`}
      >
        {t('common.next')}
      </Button>
    </Space>
  );
}

/** Runs `reload` whenever `version` changes after the first render (the page bumps it after a change). */
export function useReloadOn(version: number, reload: () => void) {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}
