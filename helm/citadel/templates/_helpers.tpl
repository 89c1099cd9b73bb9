{{/* Chart name, truncated to DNS label length. */}}
{{- define "citadel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified app name. Short enough that "<fullname>-headless" and pod names stay valid labels. */}}
{{- define "citadel.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "citadel.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "citadel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "citadel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "citadel.labels" -}}
helm.sh/chart: {{ include "citadel.chart" . }}
{{ include "citadel.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "citadel.headless" -}}
{{- printf "%s-headless" (include "citadel.fullname" .) -}}
{{- end -}}

{{- define "citadel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "citadel.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Port number of a named entry of service.ports (http, grpc, p2p). */}}
{{- define "citadel.port" -}}
{{- $want := .name -}}
{{- $found := "" -}}
{{- range .root.Values.service.ports -}}
{{- if eq .name $want -}}{{- $found = .targetPort | default .port -}}{{- end -}}
{{- end -}}
{{- required (printf "service.ports needs an entry named %s" $want) $found -}}
{{- end -}}

{{/* DNS domain of the peers: <fullname>-headless.<namespace>.svc.<clusterDomain> */}}
{{- define "citadel.peerDomain" -}}
{{- printf "%s.%s.svc.%s" (include "citadel.headless" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{- define "citadel.p2pScheme" -}}
{{- if .Values.cluster.p2p.tls -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{/* Peer URI of pod 0, the bootstrap peer. */}}
{{- define "citadel.bootstrapUri" -}}
{{- printf "%s://%s-0.%s:%s" (include "citadel.p2pScheme" .) (include "citadel.fullname" .) (include "citadel.peerDomain" .) (include "citadel.port" (dict "root" . "name" "p2p")) -}}
{{- end -}}

{{/* This pod's peer URI; $(POD_NAME) is expanded by the kubelet from the downward API variable. */}}
{{- define "citadel.selfUri" -}}
{{- printf "%s://$(POD_NAME).%s:%s" (include "citadel.p2pScheme" .) (include "citadel.peerDomain" .) (include "citadel.port" (dict "root" . "name" "p2p")) -}}
{{- end -}}

{{- define "citadel.allowedIdentities" -}}
{{- if .Values.cluster.p2p.allowedIdentities -}}
{{- join "," .Values.cluster.p2p.allowedIdentities -}}
{{- else -}}
{{- printf "*.%s" (include "citadel.peerDomain" .) -}}
{{- end -}}
{{- end -}}

{{/* True (non-empty) when any TLS material is needed. */}}
{{- define "citadel.tlsNeeded" -}}
{{- if or .Values.tls.enabled (and .Values.cluster.enabled .Values.cluster.p2p.tls) -}}true{{- end -}}
{{- end -}}

{{/* Name of the Secret holding the node certificate. */}}
{{- define "citadel.tlsSecretName" -}}
{{- if .Values.certManager.enabled -}}
{{- printf "%s-tls" (include "citadel.fullname" .) -}}
{{- else -}}
{{- required "TLS is enabled (tls.enabled or cluster.p2p.tls): set tls.existingSecret to a Secret with the node certificate, key and CA, or certManager.enabled=true" .Values.tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret holding the API keys. */}}
{{- define "citadel.keysSecretName" -}}
{{- if .Values.existingSecret -}}
{{- .Values.existingSecret -}}
{{- else -}}
{{- printf "%s-apikey" (include "citadel.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
Environment variable for one key setting. Args: root, value (false | true | string | {valueFrom}), env, key.
Renders nothing for false; a secretKeyRef into the chart's (or the existing) Secret otherwise.
*/}}
{{- define "citadel.keyEnv" -}}
{{- $root := .root -}}
{{- if $root.Values.existingSecret }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.existingSecret }}
      key: {{ .key }}
      optional: {{ .optional }}
{{- else if kindIs "map" .value }}
- name: {{ .env }}
  valueFrom:
    {{- toYaml .value.valueFrom | nindent 4 }}
{{- else if .value }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "citadel.keysSecretName" $root }}
      key: {{ .key }}
{{- end }}
{{- end -}}

{{/* Probe handler: HTTP GET, or the image's probe when REST demands client certificates. */}}
{{- define "citadel.probeHandler" -}}
{{- if and .root.Values.tls.enabled .root.Values.tls.verifyClientCertificate }}
exec:
  command: ["/app/citadel-healthcheck", {{ .path | quote }}]
{{- else }}
httpGet:
  path: {{ .path }}
  port: http
  scheme: {{ if .root.Values.tls.enabled }}HTTPS{{ else }}HTTP{{ end }}
{{- end }}
{{- end -}}

{{/*
A probe: handler plus the values' settings (without the chart-only `enabled`). An exec probe starts a process, so
its timeout is at least 10 seconds. Args: root, path, settings.
*/}}
{{- define "citadel.probe" -}}
{{- $settings := omit .settings "enabled" -}}
{{- $exec := and .root.Values.tls.enabled .root.Values.tls.verifyClientCertificate -}}
{{- if $exec -}}
{{- $_ := set $settings "timeoutSeconds" (max (int (default 1 $settings.timeoutSeconds)) 10) -}}
{{- end -}}
{{- include "citadel.probeHandler" (dict "root" .root "path" .path) | trim }}
{{ toYaml $settings }}
{{- end -}}
