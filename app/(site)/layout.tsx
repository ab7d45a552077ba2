// Pages for people at a desk get the navigation bar; the wall screen (app/wall) does not.
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/SiteHeader';

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      {children}
    </>
  );
}
