const tokenKey = "dealflow.token";

/** The bearer token lives for the browser tab only (sessionStorage), so closing the tab signs out. */
export const sessionStore = {
  read: (): string | null => sessionStorage.getItem(tokenKey),
  write: (token: string) => sessionStorage.setItem(tokenKey, token),
  clear: () => sessionStorage.removeItem(tokenKey),
};
