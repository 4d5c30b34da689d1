#!/usr/bin/env python3
"""Generates crates/engine/src/schema/k8s.schema from the PyPI `kubernetes` client.

The Kubernetes Python client is generated from the upstream OpenAPI document of one
Kubernetes release; its model classes carry, for every field, the JSON name
(`attribute_map`), the type (`openapi_types`), the description (the property
docstring) and whether it is required (the setter rejects None). This script reads
those classes with `ast` (it never imports them) and writes a compact, line-based
text file that the engine embeds with `include_str!`.

The client's swagger drops the description of every field whose type is a
reference to another type (`Container.resources`, `PodSpec.affinity`,
`Pod.metadata`, ...): OpenAPI v2 cannot put a description beside a `$ref`.
The Rust crate `k8s-openapi` is generated from the same release's OpenAPI v3
document, where those descriptions survive, and it keeps every field's
description as a doc comment. When a second argument names the crate's
`src/v1_XX` directory, descriptions the client lacks are taken from it.
This is a generator-only input: nothing is downloaded at build time, and the
generated `k8s.schema` stays committed.

Run it by hand when the pinned Kubernetes version changes:

    pip download --no-deps kubernetes==35.0.0 -d /tmp/k8spy
    # k8s-openapi into ~/.cargo/registry/src (any throwaway project will do):
    cargo new --lib /tmp/k8so && cd /tmp/k8so \
        && cargo add k8s-openapi@0.29.0 --features v1_35 && cargo fetch && cd -
    python3 tools/schema/gen.py /tmp/k8spy/kubernetes-35.0.0-py2.py3-none-any.whl \
        ~/.cargo/registry/src/index.crates.io-*/k8s-openapi-0.29.0/src/v1_35 \
        > crates/engine/src/schema/k8s.schema

File format (one record a line, fields separated by TAB):
    K  apiVersion  kind  TypeName          a top-level kind and its type
    T  TypeName  GoName  [description]     starts a type (description: the
                                           struct doc of k8s-openapi, when given)
    F  jsonName  type  required(r|-)  description
Field types: s string, i integer, n number, b boolean, q resource.Quantity,
o int-or-string, a anything, [X list of X, {X map from string to X, else a TypeName.
"""

import ast
import os
import re
import sys
import zipfile

PACKAGE = "kubernetes"

# Top-level kinds the engine knows, with their apiVersion (python class name).
KINDS = [
    ("v1", "Pod", "V1Pod"),
    ("v1", "PodTemplate", "V1PodTemplate"),
    ("v1", "Node", "V1Node"),
    ("v1", "ConfigMap", "V1ConfigMap"),
    ("v1", "Secret", "V1Secret"),
    ("v1", "Service", "V1Service"),
    ("v1", "ServiceAccount", "V1ServiceAccount"),
    ("v1", "Namespace", "V1Namespace"),
    ("v1", "PersistentVolumeClaim", "V1PersistentVolumeClaim"),
    ("v1", "PersistentVolume", "V1PersistentVolume"),
    ("v1", "ReplicationController", "V1ReplicationController"),
    ("v1", "LimitRange", "V1LimitRange"),
    ("v1", "ResourceQuota", "V1ResourceQuota"),
    ("v1", "Endpoints", "V1Endpoints"),
    ("v1", "Event", "CoreV1Event"),
    ("v1", "ComponentStatus", "V1ComponentStatus"),
    ("apps/v1", "Deployment", "V1Deployment"),
    ("apps/v1", "ReplicaSet", "V1ReplicaSet"),
    ("apps/v1", "StatefulSet", "V1StatefulSet"),
    ("apps/v1", "DaemonSet", "V1DaemonSet"),
    ("batch/v1", "Job", "V1Job"),
    ("batch/v1", "CronJob", "V1CronJob"),
    ("policy/v1", "PodDisruptionBudget", "V1PodDisruptionBudget"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "V1ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", "V1RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", "V1ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "Role", "V1Role"),
    ("storage.k8s.io/v1", "StorageClass", "V1StorageClass"),
    ("networking.k8s.io/v1", "Ingress", "V1Ingress"),
    ("networking.k8s.io/v1", "NetworkPolicy", "V1NetworkPolicy"),
    ("autoscaling/v1", "HorizontalPodAutoscaler", "V1HorizontalPodAutoscaler"),
    ("autoscaling/v2", "HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
    ("scheduling.k8s.io/v1", "PriorityClass", "V1PriorityClass"),
    ("node.k8s.io/v1", "RuntimeClass", "V1RuntimeClass"),
]

# Fields whose values are resource.Quantity (the client types them as plain strings).
QUANTITY_MAPS = {
    ("V1ResourceRequirements", "limits"), ("V1ResourceRequirements", "requests"),
    ("V1VolumeResourceRequirements", "limits"), ("V1VolumeResourceRequirements", "requests"),
    ("V1PodSpec", "overhead"), ("V1NodeStatus", "capacity"), ("V1NodeStatus", "allocatable"),
    ("V1PersistentVolumeSpec", "capacity"), ("V1PersistentVolumeClaimStatus", "capacity"),
    ("V1PersistentVolumeClaimStatus", "allocatedResources"),
    ("V1ContainerStatus", "allocatedResources"), ("V1ResourceQuotaSpec", "hard"),
    ("V1ResourceQuotaStatus", "hard"), ("V1ResourceQuotaStatus", "used"),
    ("V1LimitRangeItem", "max"), ("V1LimitRangeItem", "min"), ("V1LimitRangeItem", "default"),
    ("V1LimitRangeItem", "defaultRequest"), ("V1LimitRangeItem", "maxLimitRequestRatio"),
    ("V1RuntimeClassOverhead", "podFixed"),
}
QUANTITY_SCALARS = {
    ("V1EmptyDirVolumeSource", "sizeLimit"), ("V1ResourceFieldSelector", "divisor"),
    ("V1CSIVolumeSource", "sizeLimit"),
}
# `object` in the client is IntOrString for these names, free-form otherwise.
INT_OR_STRING = {"port", "targetPort", "maxSurge", "maxUnavailable", "minAvailable", "partition"}


def go_name(py):
    """V1Container -> Container, CoreV1ResourceClaim -> ResourceClaim."""
    m = re.match(r"^(?:[A-Z][a-z]+)*?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])", py)
    return py[m.end():] if m else py


def read_models(whl):
    models = {}
    with zipfile.ZipFile(whl) as z:
        for name in z.namelist():
            if not re.match(r"kubernetes/client/models/[a-z0-9_]+\.py$", name) or name.endswith("__init__.py"):
                continue
            tree = ast.parse(z.read(name).decode("utf-8"))
            for cls in tree.body:
                if isinstance(cls, ast.ClassDef):
                    models[cls.name] = parse_class(cls)
    return models


def parse_class(cls):
    """Reads one model class. Two generator styles exist: the classic one
    (class-level dicts, property docstrings, setters that reject None) and
    the pydantic one (client 37+: `Field(description=...)` annotations)."""
    types, attrs, docs, required = {}, {}, {}, set()
    for node in cls.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
            ann = ast.unparse(node.annotation)
            if not ann.startswith("ClassVar"):
                # Pydantic style: name: Optional[T] = Field(default=None, description="...")
                kw = {}
                if isinstance(value, ast.Call):
                    kw = {k.arg: k.value for k in value.keywords if k.arg}
                if "description" in kw and isinstance(kw["description"], ast.Constant):
                    docs[target] = str(kw["description"].value)
                if not ann.startswith("Optional[") and "default" not in kw:
                    required.add(target)
        if target == "openapi_types" and value is not None:
            types = ast.literal_eval(value)
        elif target == "attribute_map" and value is not None:
            attrs = ast.literal_eval(value)
        if isinstance(node, ast.FunctionDef):
            decos = [ast.unparse(d) for d in node.decorator_list]
            if "property" in decos:
                doc = ast.get_docstring(node) or ""
                lines = [l.strip() for l in doc.split("\n")]
                # The description sits between the "Gets the ..." line and ":return:".
                body = []
                for l in lines[1:]:
                    if l.startswith(":return:"):
                        break
                    body.append(l.replace("# noqa: E501", "").strip())
                docs[node.name] = " ".join(x for x in body if x).strip()
            elif any(d.endswith(".setter") for d in decos):
                src = ast.unparse(node)
                if re.search(r"client_side_validation and \w+ is None", src):
                    required.add(node.name)
    return {"types": types, "attrs": attrs, "docs": docs, "required": required}


def read_rust_docs(src):
    """Reads k8s-openapi's generated sources under `src` (its `src/v1_XX`):
    for every struct, its name and `{jsonName: description}` from the field
    doc comments and the `"jsonName" => Field::Key_ident` deserializer arms.
    Returns `{StructName: [docs, ...]}` (one name can exist in several groups)."""
    out = {}
    for root, _dirs, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            text = open(os.path.join(root, f), encoding="utf-8").read()
            m = re.search(r"^pub struct (\w+) \{\n(.*?)^\}", text, re.S | re.M)
            if not m:
                continue
            docs_by_ident, doc = {}, []
            for line in m.group(2).split("\n"):
                line = line.strip()
                if line.startswith("///"):
                    doc.append(line[3:].strip())
                elif line.startswith("pub "):
                    ident = re.match(r"pub (\w+):", line)
                    if ident:
                        docs_by_ident[ident.group(1)] = " ".join(x for x in doc if x)
                    doc = []
                elif not line:
                    continue
                else:
                    doc = []
            json = {}
            for jn, ident in re.findall(r'"([A-Za-z0-9$_-]+)" => Field::Key_(\w+),', text):
                if ident in docs_by_ident:
                    json[jn] = docs_by_ident[ident]
            # The struct's own doc comment (the type's description, what
            # `kubectl explain <kind>` prints), under the empty key.
            head = text[: m.start()].rstrip("\n").split("\n")
            type_doc = []
            for line in reversed(head):
                line = line.strip()
                if line.startswith("///"):
                    type_doc.insert(0, line[3:].strip())
                elif line.startswith("#["):
                    continue
                else:
                    break
            if type_doc:
                json[""] = " ".join(x for x in type_doc if x)
            out.setdefault(m.group(1), []).append(json)
    return out


def rust_docs_for(rust, py, json_names):
    """The k8s-openapi field docs of the struct that is the client class `py`:
    same Go name, most JSON field names in common."""
    best, score = {}, 0
    for cand in rust.get(go_name(py), []):
        common = len(set(cand) & set(json_names))
        if common > score:
            best, score = cand, common
    return best


def encode(owner, json_name, t, refs):
    m = re.match(r"^(?:list|List)\[(.*)\]$", t)
    if m:
        return "[" + encode(owner, json_name, m.group(1), refs)
    m = re.match(r"^dict\(str, (.*)\)$", t) or re.match(r"^Dict\[str, (.*)\]$", t)
    if m:
        if (owner, json_name) in QUANTITY_MAPS and m.group(1) == "str":
            return "{q"
        return "{" + encode(owner, json_name, m.group(1), refs)
    if (owner, json_name) in QUANTITY_SCALARS:
        return "q"
    simple = {"str": "s", "int": "i", "float": "n", "bool": "b", "datetime": "s", "date": "s", "bytes": "s"}
    if t in simple:
        return simple[t]
    if t == "object":
        return "o" if json_name in INT_OR_STRING else "a"
    refs.append(t)
    return t


def main():
    whl = sys.argv[1]
    version = re.search(r"kubernetes-([0-9.]+)-", whl).group(1)
    models = read_models(whl)
    rust = read_rust_docs(sys.argv[2]) if len(sys.argv) > 2 else {}
    out = [
        f"# Generated from PyPI {PACKAGE}@{version} (Kubernetes OpenAPI, release-1.{version.split('.')[0]}).",
        "# Do not edit. Regenerate with: python3 tools/schema/gen.py <kubernetes wheel> <k8s-openapi src/v1_XX> > crates/engine/src/schema/k8s.schema",
    ]
    if rust:
        crate = re.search(r"k8s-openapi-([0-9.]+)", sys.argv[2])
        out.append(
            "# Descriptions of reference-typed fields from crates.io k8s-openapi"
            + (f"@{crate.group(1)}" if crate else "")
            + f" ({os.path.basename(os.path.normpath(sys.argv[2]))})."
        )
    queue = []
    for api, kind, py in KINDS:
        out.append(f"K\t{api}\t{kind}\t{py}")
        queue.append(py)
    seen = set()
    body = []
    while queue:
        py = queue.pop(0)
        if py in seen:
            continue
        seen.add(py)
        m = models[py]
        rdocs = rust_docs_for(rust, py, m["attrs"].values())
        type_desc = re.sub(r"\s+", " ", rdocs.get("", "")).strip()
        body.append(f"T\t{py}\t{go_name(py)}" + (f"\t{type_desc}" if type_desc else ""))
        for attr in sorted(m["types"], key=lambda a: m["attrs"][a]):
            json_name = m["attrs"][attr]
            refs = []
            t = encode(py, json_name, m["types"][attr], refs)
            queue.extend(refs)
            req = "r" if attr in m["required"] else "-"
            desc = re.sub(r"\s+", " ", m["docs"].get(attr, "")).strip()
            if not desc:
                # The client lost it (a `$ref`-typed field): k8s-openapi has it.
                desc = re.sub(r"\s+", " ", rdocs.get(json_name, "")).strip()
            body.append(f"F\t{json_name}\t{t}\t{req}\t{desc}")
    out.extend(body)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
