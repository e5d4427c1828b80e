import { useCallback, useEffect, useState } from "react";

export const routes = ["board", "leads"] as const;
export type Route = (typeof routes)[number];

function readRoute(): Route {
  const name = window.location.hash.replace(/^#\/?/, "");
  return (routes as readonly string[]).includes(name) ? (name as Route) : "board";
}

/** The current screen lives in the URL hash, so reload and the back button keep the user where they were. */
export function useHashRoute() {
  const [route, setRoute] = useState<Route>(readRoute);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = `#/${next}`;
  }, []);
  return { route, navigate };
}
