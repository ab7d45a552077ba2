import { LoginForm } from '@/components/auth/LoginForm';
import { z } from 'zod';

const params = z.object({ next: z.string().optional(), error: z.string().optional() });

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, error } = params.parse(await searchParams);
  return <LoginForm next={next ?? '/'} failed={error !== undefined} />;
}
