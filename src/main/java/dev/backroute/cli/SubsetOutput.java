package dev.backroute.cli;

import dev.backroute.repository.SubsetReport;
import dev.backroute.restore.SubsetResult;

import java.util.Locale;

/** How {@code validate --read-data-subset} shows one repository type's result, as a line per target and in JSON. */
final class SubsetOutput {
    private SubsetOutput() {}

    static String text(SubsetResult.OnTarget t) {
        SubsetReport r = t.report();
        if (t.error() != null) {
            return "NOT CHECKED (see the error below)";
        }
        if (r == null) {
            return "no repository there yet";
        }
        SubsetReport.Position p = r.position();
        String where = p.groups() > 0 ? "group " + p.group() + " of " + p.groups() : "by size, up to pack " + p.lastPack();
        String coverage = String.format(Locale.ROOT, "%.0f%%", r.coverage() * 100);
        return "read " + r.packsRead() + " of " + r.packsTotal() + " pack(s), " + Sizes.human(r.bytesRead()) + " (" + where + "; "
                + coverage + " of the packs read this rotation); " + r.snapshots() + " snapshot(s) checked"
                + (r.ok() ? "" : "; " + (r.damaged().size() + r.problems().size()) + " PROBLEM(S) (see the errors below)");
    }

    static JsonObject json(SubsetResult r) {
        return new JsonObject().with("type", r.type()).with("success", r.success())
                .with("targets", r.targets().stream().map(t -> new JsonObject().with("target", t.target()).with("success", t.success())
                        .with("error", t.error()).with("check", t.report() == null ? null : json(t.report()))).toList());
    }

    private static JsonObject json(SubsetReport r) {
        SubsetReport.Position p = r.position();
        return new JsonObject().with("snapshots", r.snapshots()).with("packs_total", r.packsTotal()).with("packs_read", r.packsRead())
                .with("bytes_read", r.bytesRead())
                .with("rotation", p.groups() > 0 ? new JsonObject().with("group", p.group()).with("groups", p.groups())
                        : new JsonObject().with("last_pack", p.lastPack()))
                .with("coverage", r.coverage())
                .with("damaged_packs", r.damaged().stream().map(d -> new JsonObject().with("pack", d.pack()).with("error", d.error())
                        .with("backups", d.backups())).toList())
                .with("problems", r.problems());
    }
}
