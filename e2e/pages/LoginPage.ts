// Page object for `/login`.
import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  readonly heading: Locator;
  readonly user: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly failure: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Log in to Truthflow' });
    this.user = page.getByLabel('User');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Log in' });
    this.failure = page.getByRole('alert').filter({ hasText: 'Wrong user or password' });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  async logIn(user: string, password: string): Promise<void> {
    await this.user.fill(user);
    await this.password.fill(password);
    await this.submit.click();
  }
}
