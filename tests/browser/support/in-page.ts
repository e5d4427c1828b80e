import type { Page } from "playwright-core";

/**
 * The little of the browser's globals these checks read. The repo's tsconfig has no DOM lib (it is Node code),
 * so each function below names them through this type; the functions run inside the page, not in Node.
 */
interface InPage {
  sessionStorage: { getItem(key: string): string | null };
  document: {
    documentElement: { lang: string; scrollWidth: number };
    activeElement: { getAttribute(name: string): string | null } | null;
    querySelector(selector: string): { scrollWidth: number; clientWidth: number } | null;
  };
}

export const tabToken = (page: Page) => page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.getItem("dealflow.token"));

export const focusedLabel = (page: Page) => page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.getAttribute("aria-label") ?? null);

export const documentLang = (page: Page) => page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.lang);

/** How wide the page and the board are laid out versus what is visible, to tell page overflow from board scroll. */
export const layoutWidths = (page: Page) =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const board = document.querySelector(".board");
    return { page: document.documentElement.scrollWidth, board: board?.scrollWidth ?? 0, boardVisible: board?.clientWidth ?? 0 };
  });
