// helm-render: renders a Helm 3 chart the way `helm template` does, for machines without a helm binary.
//
// It uses the same building blocks as Helm's engine (pkg/engine): Go's text/template, the sprig function
// library (github.com/Masterminds/sprig/v3, minus env/expandenv as Helm removes them), Helm's own functions
// (include, tpl, required, toYaml/fromYaml/fromYamlArray/toJson/fromJson, lookup returning an empty map as in
// `helm template`), `missingkey=zero` with "<no value>" removed, all templates parsed into one set so named
// templates from _helpers.tpl are shared, partials (files starting with "_") not rendered, and values merged
// as Helm merges them (chart values.yaml, then each -f file, then --set / --set-string, maps deep-merged,
// null deleting a key).
//
// Usage: helm-render [-f values.yaml]... [--set a.b=c]... [--set-string a.b=c]... [--name RELEASE]
//                    [--namespace NS] [--kube-version 1.30.0] CHART_DIR
//
// Output: like `helm template`: each rendered file as "---\n# Source: <chart>/templates/<file>\n<content>".
// Not implemented: subcharts, .Files.Glob/AsConfig, library charts, hooks ordering, schema validation.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	var valueFiles, sets, setStrings multiFlag
	name, namespace, kubeVersion := "citadel", "default", "1.30.0"
	chartDir := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		var v string
		switch a {
		case "-f", "--values":
			v, err = next()
			valueFiles = append(valueFiles, v)
		case "--set":
			v, err = next()
			sets = append(sets, v)
		case "--set-string":
			v, err = next()
			setStrings = append(setStrings, v)
		case "--name":
			name, err = next()
		case "-n", "--namespace":
			namespace, err = next()
		case "--kube-version":
			kubeVersion, err = next()
		default:
			if strings.HasPrefix(a, "-") {
				return fmt.Errorf("unknown flag %s", a)
			}
			chartDir = a
		}
		if err != nil {
			return err
		}
	}
	if chartDir == "" {
		return errors.New("usage: helm-render [-f values.yaml] [--set k=v] [--name NAME] [--namespace NS] CHART_DIR")
	}

	chartMeta, err := readYamlMap(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYamlMap(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, f := range valueFiles {
		override, err := readYamlMap(f)
		if err != nil {
			return err
		}
		values = mergeValues(values, override)
	}
	for _, s := range sets {
		if err := applySet(values, s, false); err != nil {
			return err
		}
	}
	for _, s := range setStrings {
		if err := applySet(values, s, true); err != nil {
			return err
		}
	}
	values = stripNulls(values)

	chartName, _ := chartMeta["name"].(string)
	kv := strings.TrimPrefix(kubeVersion, "v")
	parts := strings.SplitN(kv, ".", 3)
	for len(parts) < 2 {
		parts = append(parts, "0")
	}
	top := map[string]interface{}{
		"Values": values,
		"Release": map[string]interface{}{
			"Name": name, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Chart": chartObject(chartMeta),
		"Capabilities": map[string]interface{}{
			"KubeVersion": map[string]interface{}{"Version": "v" + kv, "GitVersion": "v" + kv, "Major": parts[0], "Minor": parts[1]},
			"APIVersions": apiVersions{"v1": true, "apps/v1": true, "policy/v1": true, "networking.k8s.io/v1": true, "cert-manager.io/v1": false},
			"HelmVersion": map[string]interface{}{"Version": "v3.16.0"},
		},
		"Files": files{dir: chartDir},
	}

	out, err := render(chartDir, chartName, top)
	if err != nil {
		return err
	}
	fmt.Print(out)
	return nil
}

// chartObject exposes Chart.yaml fields as Helm does (.Chart.Name, .Chart.AppVersion, ...).
func chartObject(meta map[string]interface{}) map[string]interface{} {
	o := map[string]interface{}{}
	for k, v := range meta {
		o[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return o
}

type apiVersions map[string]bool

// Has mirrors .Capabilities.APIVersions.Has.
func (a apiVersions) Has(v string) bool { return a[v] }

type files struct{ dir string }

// Get mirrors .Files.Get: the file's content, or "" when it cannot be read.
func (f files) Get(name string) string {
	b, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		return ""
	}
	return string(b)
}

func render(chartDir, chartName string, top map[string]interface{}) (string, error) {
	tdir := filepath.Join(chartDir, "templates")
	var names []string
	err := filepath.Walk(tdir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			return nil
		}
		ext := filepath.Ext(p)
		if ext == ".yaml" || ext == ".yml" || ext == ".tpl" || ext == ".txt" {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)

	t := template.New("gotpl").Option("missingkey=zero")
	funcs := funcMap(t)
	t.Funcs(funcs)
	tplName := map[string]string{}
	for _, p := range names {
		rel, _ := filepath.Rel(chartDir, p)
		n := chartName + "/" + filepath.ToSlash(rel)
		tplName[p] = n
		b, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		if _, err := t.New(n).Parse(string(b)); err != nil {
			return "", fmt.Errorf("parse %s: %w", n, err)
		}
	}

	var sb strings.Builder
	for _, p := range names {
		base := filepath.Base(p)
		if strings.HasPrefix(base, "_") {
			continue
		}
		n := tplName[p]
		data := copyTop(top)
		data["Template"] = map[string]interface{}{"Name": n, "BasePath": chartName + "/templates"}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, n, data); err != nil {
			return "", fmt.Errorf("render %s: %w", n, err)
		}
		s := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.HasSuffix(n, "NOTES.txt") {
			// helm template does not print NOTES.txt; it is rendered (so it must not fail) but shown apart.
			if os.Getenv("HELM_RENDER_NOTES") != "" {
				fmt.Fprint(os.Stderr, s)
			}
			continue
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		sb.WriteString("---\n# Source: " + n + "\n" + strings.TrimLeft(s, "\n"))
		if !strings.HasSuffix(s, "\n") {
			sb.WriteString("\n")
		}
	}
	return sb.String(), nil
}

func copyTop(top map[string]interface{}) map[string]interface{} {
	c := map[string]interface{}{}
	for k, v := range top {
		c[k] = v
	}
	return c
}

func funcMap(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = func(v interface{}) string {
		b, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(b), "\n")
	}
	f["mustToYaml"] = func(v interface{}) (string, error) {
		b, err := yaml.Marshal(v)
		return strings.TrimSuffix(string(b), "\n"), err
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromYamlArray"] = func(s string) []interface{} {
		var a []interface{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	f["toJson"] = func(v interface{}) string {
		b, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(b)
	}
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil {
			return v, errors.New(msg)
		}
		if s, ok := v.(string); ok && s == "" {
			return v, errors.New(msg)
		}
		return v, nil
	}
	f["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	includedNames := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		if includedNames[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		includedNames[name]++
		defer func() { includedNames[name]-- }()
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		c, err := t.Clone()
		if err != nil {
			return "", err
		}
		c.Option("missingkey=zero")
		if _, err := c.New("tpl").Parse(text); err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := c.ExecuteTemplate(&buf, "tpl", data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	return f
}

func readYamlMap(path string) (map[string]interface{}, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// mergeValues deep-merges override into base (override wins; maps merge key by key).
func mergeValues(base, override map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range override {
		if bm, ok := out[k].(map[string]interface{}); ok {
			if om, ok := v.(map[string]interface{}); ok {
				out[k] = mergeValues(bm, om)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// stripNulls removes keys whose value is null, as Helm does when a user value nulls a default.
func stripNulls(m map[string]interface{}) map[string]interface{} {
	for k, v := range m {
		if v == nil {
			delete(m, k)
			continue
		}
		if sub, ok := v.(map[string]interface{}); ok {
			m[k] = stripNulls(sub)
		}
	}
	return m
}

// applySet handles --set a.b.c=value and a.list[1]=value (values typed like Helm's strvals: int, bool, null,
// else string; a {x,y} list literal is parsed as a list of strings).
func applySet(values map[string]interface{}, expr string, asString bool) error {
	eq := strings.Index(expr, "=")
	if eq < 0 {
		return fmt.Errorf("--set %q: expected key=value", expr)
	}
	key, raw := expr[:eq], expr[eq+1:]
	var val interface{} = raw
	if !asString {
		val = typedValue(raw)
		if strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") {
			inner := strings.TrimSpace(raw[1 : len(raw)-1])
			list := []interface{}{}
			if inner != "" {
				for _, item := range strings.Split(inner, ",") {
					list = append(list, typedValue(strings.TrimSpace(item)))
				}
			}
			val = list
		}
	}
	parts := strings.Split(key, ".")
	cur := values
	for i, p := range parts {
		last := i == len(parts)-1
		idx := -1
		if lb := strings.Index(p, "["); lb >= 0 && strings.HasSuffix(p, "]") {
			n, err := strconv.Atoi(p[lb+1 : len(p)-1])
			if err != nil {
				return fmt.Errorf("--set %q: bad index", expr)
			}
			idx, p = n, p[:lb]
		}
		if idx >= 0 {
			list, _ := cur[p].([]interface{})
			for len(list) <= idx {
				list = append(list, nil)
			}
			cur[p] = list
			if last {
				list[idx] = val
				return nil
			}
			next, ok := list[idx].(map[string]interface{})
			if !ok {
				next = map[string]interface{}{}
				list[idx] = next
			}
			cur = next
			continue
		}
		if last {
			cur[p] = val
			return nil
		}
		next, ok := cur[p].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			cur[p] = next
		}
		cur = next
	}
	return nil
}

func typedValue(s string) interface{} {
	switch s {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && !strings.HasPrefix(s, "0") || s == "0" {
		if err == nil {
			return n
		}
	}
	return s
}
