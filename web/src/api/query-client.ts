import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-error.ts";

/**
 * One cache for the app. Reads stay fresh for 30 s (a board or dashboard does not refetch on every focus), and a
 * 4xx is never retried: the server said no, asking again will not change its mind.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});
