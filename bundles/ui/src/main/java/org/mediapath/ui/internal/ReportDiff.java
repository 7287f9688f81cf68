package org.mediapath.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;

/** What changed between two reports: verdict, causes found or gone, checks whose outcome moved. */
record ReportDiff(DiagnosticReport older, DiagnosticReport newer, boolean verdictChanged, List<String> causesAdded,
		List<String> causesRemoved, List<CheckChange> checkChanges, List<String> requestChanges) {

	/** One check whose status or summary differs; a null side means it did not take part. */
	record CheckChange(String checkId, String title, CheckResult before, CheckResult after) {
	}

	static ReportDiff of(DiagnosticReport a, DiagnosticReport b) {
		DiagnosticReport older = a.started().isAfter(b.started()) ? b : a;
		DiagnosticReport newer = older == a ? b : a;
		Set<String> before = ids(older);
		Set<String> after = ids(newer);
		List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
		List<String> removed = before.stream().filter(id -> !after.contains(id)).toList();
		Map<String, CheckResult> oldChecks = byId(older);
		Map<String, CheckResult> newChecks = byId(newer);
		Set<String> all = new LinkedHashSet<>(oldChecks.keySet());
		all.addAll(newChecks.keySet());
		List<CheckChange> changes = new ArrayList<>();
		for (String id : all) {
			CheckResult x = oldChecks.get(id);
			CheckResult y = newChecks.get(id);
			if (x == null || y == null || x.status() != y.status() || !x.summary().equals(y.summary())) {
				changes.add(new CheckChange(id, y != null ? y.title() : x.title(), x, y));
			}
		}
		List<String> request = new ArrayList<>();
		Map<String, Object> qa = ReportMaps.request(older.request());
		Map<String, Object> qb = ReportMaps.request(newer.request());
		Set<String> keys = new LinkedHashSet<>(qa.keySet());
		keys.addAll(qb.keySet());
		for (String k : keys) {
			if (!Objects.equals(qa.get(k), qb.get(k))) {
				request.add(k + ": " + Objects.toString(qa.get(k), "-") + " \u2192 " + Objects.toString(qb.get(k), "-"));
			}
		}
		return new ReportDiff(older, newer, older.verdict() != newer.verdict(), added, removed, changes, request);
	}

	private static Set<String> ids(DiagnosticReport r) {
		Set<String> s = new LinkedHashSet<>();
		for (Cause c : r.causes()) {
			s.add(c.id());
		}
		return s;
	}

	private static Map<String, CheckResult> byId(DiagnosticReport r) {
		Map<String, CheckResult> m = new LinkedHashMap<>();
		for (CheckResult c : r.checks()) {
			m.put(c.checkId(), c);
		}
		return m;
	}
}
