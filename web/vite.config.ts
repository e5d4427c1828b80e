import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The built client reads the API URL from /config.json, served by the local web server or the deployed site.
 * `vite` (dev) has no such server, so this answers /config.json from DEALFLOW_API_URL or the URL `npm start`
 * wrote to .local/endpoints.json.
 */
function devConfigJson(): Plugin {
  const apiUrl = () => {
    if (process.env.DEALFLOW_API_URL) return process.env.DEALFLOW_API_URL;
    try {
      const endpoints: unknown = JSON.parse(readFileSync(new URL("../.local/endpoints.json", import.meta.url), "utf8"));
      const api = typeof endpoints === "object" && endpoints !== null ? (endpoints as { api?: unknown }).api : undefined;
      return typeof api === "string" ? api : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    name: "dealflow-dev-config-json",
    configureServer(server) {
      server.middlewares.use("/config.json", (_req, res) => {
        const url = apiUrl();
        res.setHeader("content-type", "application/json");
        res.statusCode = url ? 200 : 503;
        res.end(JSON.stringify(url ? { apiUrl: url } : { code: "no_api", message: "Run npm start first, or set DEALFLOW_API_URL" }));
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), devConfigJson()],
  // The workspace root holds an older React for a dev tool (the mail inbox's UI); hoisted libraries such as
  // TanStack Query would resolve that one from there. One React for the whole bundle, the web client's own.
  resolve: { dedupe: ["react", "react-dom"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
