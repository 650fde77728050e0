package report

import (
	"html/template"
	"io"
	"time"

	"github.com/sfsql/sfsql/rules"
)

// The HTML report is one file: inline CSS, no scripts, no external
// resource of any kind (links to documentation are plain anchors).
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"date": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sfsql check — {{.Org}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
.critical{background:#8b0000;color:#fff}.high{background:#d9480f;color:#fff}.medium{background:#f59f00}.low{background:#74c0fc}.info{background:#dee2e6}
.fail{color:#c92a2a;font-weight:bold}.pass{color:#2b8a3e}.skip{color:#868e96}.error{color:#862e9c;font-weight:bold}
.muted{color:#868e96}
</style></head><body>
<h1>sfsql check of {{if .OrgName}}{{.OrgName}} ({{.Org}}){{else}}{{.Org}}{{end}}</h1>
<p>Checked {{date .At}}. {{len .Results}} rules: {{index .Summary.Statuses "fail"}} fail, {{index .Summary.Statuses "pass"}} pass, {{index .Summary.Statuses "skip"}} skip, {{index .Summary.Statuses "error"}} error.</p>
<table id="summary"><tr><th>severity</th><th>open findings</th></tr>
{{range .Severities}}<tr><td class="{{.}}">{{.}}</td><td>{{index $.Summary.BySeverity .}}</td></tr>{{end}}
<tr><td class="muted">muted</td><td>{{.Summary.Muted}}</td></tr></table>
{{range .Results}}<section id="{{.Rule.ID}}">
<h2><span class="{{.Rule.Severity}}">&nbsp;{{.Rule.Severity}}&nbsp;</span> {{.Rule.ID}} · {{.Rule.Title}} — <span class="{{.Status}}">{{.Status}}</span></h2>
{{if .Why}}<p class="{{.Status}}">{{.Why}}</p>{{end}}
<p>{{.Rule.Rationale}}</p>
{{if .Findings}}<p><b>Remediation:</b> {{.Rule.Remediation}}</p>
<table><tr><th>resource</th><th>reason</th><th></th></tr>
{{range .Findings}}<tr{{if .Muted}} class="muted"{{end}}><td>{{.ResourceName}}</td><td>{{.Reason}}</td><td>{{if .Muted}}muted: {{.MuteReason}}{{end}}</td></tr>
{{end}}</table>{{end}}
{{if .Rule.References}}<p class="muted">References: {{range $i, $r := .Rule.References}}{{if $i}}; {{end}}{{$r}}{{end}}</p>{{end}}
</section>
{{end}}</body></html>
`))

func writeHTML(w io.Writer, results []rules.Result, m Meta) error {
	return page.Execute(w, struct {
		Meta
		Results    []rules.Result
		Summary    Summary
		Severities []string
	}{m, results, Summarize(results), rules.Severities})
}
