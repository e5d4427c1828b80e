import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TeamMember } from "../../api/api-types.ts";
import { useSession } from "../../session/session-context.ts";
import { activityTypes, dealKeys, type ActivityType, type NewActivity, type TimelinePage } from "./deal-api.ts";
import { MentionTextarea } from "./mention-textarea.tsx";
import { useDealApi, useErrorText } from "./use-deal.ts";

/** Logs a call, meeting, visit, email, note or task on the deal; it shows in the timeline before the server answers. */
export function LogActivity({ dealId }: { dealId: string }) {
  const { t } = useTranslation("deal");
  const { me, members } = useSession();
  const calls = useDealApi();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [type, setType] = useState<ActivityType>("call");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [mentioned, setMentioned] = useState<TeamMember[]>([]);
  const [error, setError] = useState<string | null>(null);

  const log = useMutation({
    mutationFn: (a: NewActivity) => calls.logActivity(dealId, a),
    onMutate: async (a) => {
      setError(null);
      await qc.cancelQueries({ queryKey: dealKeys.timeline(dealId) });
      const before = qc.getQueryData<TimelinePage>(dealKeys.timeline(dealId));
      const item = { at: new Date().toISOString(), kind: "activity" as const, actor: me.userId, summary: `${a.type}: ${a.title}`, data: { ...a, mentions: a.mentions ?? [], pending: true } };
      if (before) qc.setQueryData<TimelinePage>(dealKeys.timeline(dealId), { ...before, items: [item, ...before.items] });
      return { before };
    },
    onError: (err, _a, ctx) => {
      if (ctx?.before) qc.setQueryData(dealKeys.timeline(dealId), ctx.before);
      setError(errorText(err));
    },
    onSuccess: () => {
      setTitle("");
      setBody("");
      setMentioned([]);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: dealKeys.timeline(dealId) }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    // A mention removed from the text is no longer a mention.
    const mentions = [...new Set(mentioned.filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId))];
    log.mutate({ type, title: title.trim(), ...(body.trim() && { body: body.trim() }), ...(mentions.length > 0 && { mentions }) });
  };

  return (
    <form className="log-activity" onSubmit={submit} aria-labelledby="deal-log">
      <h3 id="deal-log" className="add-member__title">
        {t("deal.log.title")}
      </h3>
      <div className="log-activity__row">
        <label className="field">
          <span className="field__label">{t("deal.log.type")}</span>
          <select value={type} onChange={(e) => setType(e.target.value as ActivityType)}>
            {activityTypes.map((a) => (
              <option key={a} value={a}>
                {t(`deal.activity.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field log-activity__subject">
          <span className="field__label">{t("deal.log.subject")}</span>
          <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <MentionTextarea label={t("deal.log.notes")} value={body} members={members} onChange={setBody} onMention={(m) => setMentioned((list) => [...list, m])} />
      {error && (
        <p className="deal-error" role="alert">
          {t("deal.saveFailed", { message: error })}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={log.isPending || !title.trim()}>
        {t("deal.log.submit")}
      </button>
    </form>
  );
}
