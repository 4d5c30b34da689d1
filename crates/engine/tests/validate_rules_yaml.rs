//! Validation rule snapshots for YAML syntax (tabs, indentation, quotes,
//! escapes, duplicate keys, YAML 1.1 booleans/octals) and schema shape (unknown
//! fields, wrong types, required fields).
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_yaml`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

#[test]
fn yaml11_boolean() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  hostNetwork: yes
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "yaml11-boolean",
        expect![[r#"
        Lint spec.hostNetwork @ 6:16
        lint[yaml11-boolean]: spec.hostNetwork: "yes" is the boolean true in YAML 1.1
         --> 6:16
          |
        6 |   hostNetwork: yes
          |                ^^^
          = help: kubectl (YAML 1.1) reads an unquoted `yes` as the boolean true. Quote it ("yes") if you mean the word, or write `true` if you mean the boolean.
        lint[yaml11-boolean]: spec.hostNetwork: "yes" is the boolean true in YAML 1.1
         --> 6:16
          |
        6 |   hostNetwork: yes
          |                ^^^
          = 설명: kubectl(YAML 1.1)은 따옴표 없는 `yes` 값을 불리언 true로 읽습니다. 글자 그대로라면 "yes"처럼 따옴표로 감싸고, 불리언이라면 `true`로 쓰세요.
    "#]],
    );
}

#[test]
fn unknown_field() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  lables:
    app: web
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
        Error metadata.lables @ 5:3
        error[unknown-field]: strict decoding error: unknown field "metadata.lables"
         --> 5:3
          |
        5 |   lables:
          |   ^^^^^^
          = help: `ObjectMeta` has no field `lables`. Did you mean `labels`? Unknown fields are rejected, not ignored.
          = fix: replace with `labels`
        error[unknown-field]: strict decoding error: unknown field "metadata.lables"
         --> 5:3
          |
        5 |   lables:
          |   ^^^^^^
          = 설명: `ObjectMeta`에는 `lables` 필드가 없습니다. `labels`의 오타인가요? 이 필드는 무시되지 않고 오류가 됩니다.
          = fix: `labels`(으)로 바꾸기
    "#]],
    );
}

#[test]
fn unknown_field_sepc() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
sepc:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
        Error sepc @ 5:1
        error[unknown-field]: strict decoding error: unknown field "sepc"
         --> 5:1
          |
        5 | sepc:
          | ^^^^
          = help: `Pod` has no field `sepc`. Did you mean `spec`? Unknown fields are rejected, not ignored.
          = fix: replace with `spec`
        error[unknown-field]: strict decoding error: unknown field "sepc"
         --> 5:1
          |
        5 | sepc:
          | ^^^^
          = 설명: `Pod`에는 `sepc` 필드가 없습니다. `spec`의 오타인가요? 이 필드는 무시되지 않고 오류가 됩니다.
          = fix: `spec`(으)로 바꾸기
    "#]],
    );
}

#[test]
fn wrong_type() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: DEBUG
      value: no
"#;
    assert_rule(
        source,
        "wrong-type",
        expect![[r#"
        Error spec.containers[0].env[0].value @ 11:14
        error[wrong-type]: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string
         --> 11:14
           |
        11 |       value: no
           |              ^^
          = help: In YAML 1.1 `no` is a boolean, not a string. Quote it if you mean the text: "no".
        error[wrong-type]: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string
         --> 11:14
           |
        11 |       value: no
           |              ^^
          = 설명: YAML 1.1에서 따옴표 없는 `no` 값은 문자열이 아니라 불리언(true/false)입니다. 문자열이라면 따옴표로 감싸세요: "no".
    "#]],
    );
}

#[test]
fn wrong_shape_containers() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
    name: web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "wrong-type",
        expect![[r#"
        Error spec.containers @ 7:5
        error[wrong-type]: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container
         --> 7:5
          |
        7 |     name: web
          |     ^
          = help: This field takes a list. Start each item with `- `.
        error[wrong-type]: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container
         --> 7:5
          |
        7 |     name: web
          |     ^
          = 설명: 이 필드는 목록이어야 합니다. 각 항목 앞에 `- `를 붙이세요.
    "#]],
    );
}

#[test]
fn required_field() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - image: nginx:1.27
"#;
    assert_rule(
        source,
        "required-field",
        expect![[r#"
        Error spec.containers[0].name @ 7:5
        error[required-field]: spec.containers[0].name: Required value
         --> 7:5
          |
        7 |   - image: nginx:1.27
          |     ^
          = help: The field `name` is required.
        error[required-field]: spec.containers[0].name: Required value
         --> 7:5
          |
        7 |   - image: nginx:1.27
          |     ^
          = 설명: `name` 필드는 반드시 있어야 합니다.
    "#]],
    );
}

#[test]
fn duplicate_key() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    image: nginx:1.28
"#;
    assert_rule(
        source,
        "duplicate-key",
        expect![[r#"
        Error  @ 9:5
        error[duplicate-key]: yaml: unmarshal errors: line 9: mapping key "image" already defined at line 8
         --> 9:5
          |
        9 |     image: nginx:1.28
          |     ^^^^^
          = help: The key `image` appears twice in the same mapping (first at line 8). Merge them into one; for a list, put all items under one key.
        error[duplicate-key]: yaml: unmarshal errors: line 9: mapping key "image" already defined at line 8
         --> 9:5
          |
        9 |     image: nginx:1.28
          |     ^^^^^
          = 설명: `image` 키가 같은 매핑에 두 번 나옵니다(8번째 줄에 이미 있음). 하나로 합치세요. 목록이라면 항목을 한 키 아래에 모으세요.
    "#]],
    );
}

#[test]
fn yaml_tab_indent() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
	name: demo
"#;
    assert_rule(
        source,
        "yaml-tab-indent",
        expect![[r#"
        Error  @ 4:1
        error[yaml-tab-indent]: yaml: line 4: found character that cannot start any token
         --> 4:1
          |
        4 | 	name: demo
          | ^
          = help: YAML indentation cannot use tabs. Replace the tab with spaces.
        error[yaml-tab-indent]: yaml: line 4: found character that cannot start any token
         --> 4:1
          |
        4 | 	name: demo
          | ^
          = 설명: YAML 들여쓰기에는 탭을 쓸 수 없습니다. 탭을 공백으로 바꾸세요.
    "#]],
    );
}

#[test]
fn yaml_syntax() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: [demo
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
        Error  @ 4:14
        error[yaml-syntax]: yaml: line 4: while parsing a flow sequence, expected ',' or ']'
         --> 4:14
          |
        4 |   name: [demo
          |              ^
          = help: The YAML itself is broken. Check the indentation, the space after each colon, and that brackets are closed.
        error[yaml-syntax]: yaml: line 4: while parsing a flow sequence, expected ',' or ']'
         --> 4:14
          |
        4 |   name: [demo
          |              ^
          = 설명: YAML 문법이 깨졌습니다. 들여쓰기와 콜론(:) 뒤 공백, 괄호 짝을 확인하세요.
    "#]],
    );
}

#[test]
fn yaml_escape() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    command: ["sh", "-c", "echo \'hi\'"]
"#;
    assert_rule(
        source,
        "yaml-escape",
        expect![[r#"
        Warning  @ 9:33
        warning[yaml-escape]: yaml: line 9: "\'" is not a YAML 1.2 escape; go-yaml reads it as "'"
         --> 9:33
          |
        9 |     command: ["sh", "-c", "echo \'hi\'"]
          |                                 ^^
          = help: `\'` inside a double-quoted string is not a YAML 1.2 escape. kubectl (go-yaml) reads it as `'`, but other YAML tools fail. Write `'` as is: it needs no escape inside double quotes.
        warning[yaml-escape]: yaml: line 9: "\'" is not a YAML 1.2 escape; go-yaml reads it as "'"
         --> 9:33
          |
        9 |     command: ["sh", "-c", "echo \'hi\'"]
          |                                 ^^
          = 설명: 큰따옴표 문자열 안의 `\'`(백슬래시와 작은따옴표)는 YAML 1.2에 없는 이스케이프입니다. kubectl(go-yaml)은 작은따옴표로 읽지만 다른 YAML 도구는 오류를 냅니다. 작은따옴표를 그대로 쓰세요(큰따옴표 안에서는 이스케이프가 필요 없습니다).
    "#]],
    );
}

#[test]
fn yaml11_octal() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: cfg
    configMap:
      name: app
      defaultMode: 0644
"#;
    assert_rule(
        source,
        "yaml11-octal",
        expect![[r#"
        Warning spec.volumes[0].configMap.defaultMode @ 12:20
        warning[yaml11-octal]: spec.volumes[0].configMap.defaultMode: "0644" is the octal number 420 (YAML 1.1); YAML 1.2 tools read it as 644
         --> 12:20
           |
        12 |       defaultMode: 0644
           |                    ^^^^
          = help: kubectl (YAML 1.1) reads `0644` as an octal number, 420; YAML 1.2 tools read it differently. Write the decimal 420 to make the meaning plain.
        warning[yaml11-octal]: spec.volumes[0].configMap.defaultMode: "0644" is the octal number 420 (YAML 1.1); YAML 1.2 tools read it as 644
         --> 12:20
           |
        12 |       defaultMode: 0644
           |                    ^^^^
          = 설명: kubectl(YAML 1.1)은 앞자리가 0인 `0644` 값을 8진수로 읽습니다(10진수로 420). YAML 1.2 도구는 다르게 읽으므로, 뜻을 분명히 하려면 10진수로 쓰세요: `420`.
    "#]],
    );
}

#[test]
fn yaml_syntax_bad_indentation() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
   image: nginx:1.27
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
        Error  @ 8:4
        error[yaml-syntax]: yaml: line 8: while parsing a block mapping, did not find expected key
         --> 8:4
          |
        8 |    image: nginx:1.27
          |    ^
          = help: The indentation of line 8 (3 spaces) does not line up with the keys above it. Keys of one mapping must start in the same column.
        error[yaml-syntax]: yaml: line 8: while parsing a block mapping, did not find expected key
         --> 8:4
          |
        8 |    image: nginx:1.27
          |    ^
          = 설명: 8번째 줄의 들여쓰기(3칸)가 위쪽 키들과 맞지 않습니다. 같은 매핑의 키는 같은 칸에서 시작해야 합니다.
    "#]],
    );
}

#[test]
fn yaml_syntax_missing_space_after_colon() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name:web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
        Error  @ 7:5
        error[yaml-syntax]: yaml: line 8: mapping values are not allowed in this context
         --> 7:5
          |
        7 |   - name:web
          |     ^^^^^^^^
          = help: `name:web` on line 7 has no space after the colon, so YAML reads it as one string, not `key: value`. Put a space after the colon.
        error[yaml-syntax]: yaml: line 8: mapping values are not allowed in this context
         --> 7:5
          |
        7 |   - name:web
          |     ^^^^^^^^
          = 설명: 7번째 줄의 `name:web`에는 콜론 뒤에 공백이 없어 YAML이 `키: 값`이 아니라 문자열 하나로 읽습니다. 콜론 뒤에 공백을 넣으세요.
    "#]],
    );
}

#[test]
fn yaml_syntax_over_indented() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
      ports:
      - containerPort: 80
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
        Error  @ 9:12
        error[yaml-syntax]: yaml: line 9: mapping values are not allowed in this context
         --> 9:12
          |
        9 |       ports:
          |            ^
          = help: Line 9 is indented deeper (6 spaces) than line 8 (4 spaces). If it is a key of the same mapping, indent it by 4.
        error[yaml-syntax]: yaml: line 9: mapping values are not allowed in this context
         --> 9:12
          |
        9 |       ports:
          |            ^
          = 설명: 9번째 줄이 8번째 줄보다 더 깊이(6칸) 들여써져 있습니다. 같은 매핑의 키라면 4칸으로 맞추세요.
    "#]],
    );
}

#[test]
fn yaml_syntax_unclosed_quote() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: "nginx:1.27
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
        Error  @ 8:12
        error[yaml-syntax]: yaml: line 8: while scanning a quoted scalar, found unexpected end of stream
         --> 8:12
          |
        8 |     image: "nginx:1.27
          |            ^
          = help: A quote is not closed. End the string with the same kind of quote it starts with.
        error[yaml-syntax]: yaml: line 8: while scanning a quoted scalar, found unexpected end of stream
         --> 8:12
          |
        8 |     image: "nginx:1.27
          |            ^
          = 설명: 따옴표가 닫히지 않았습니다. 여는 따옴표와 같은 종류의 따옴표로 문자열을 닫으세요.
    "#]],
    );
}

#[test]
fn unknown_field_indented_too_little() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
        Error name @ 4:1
        error[unknown-field]: strict decoding error: unknown field "name"
         --> 4:1
          |
        4 | name: demo
          | ^^^^
          = help: `Pod` has no field `name`, but `metadata` just above has one. Indent it under `metadata`.
        error[unknown-field]: strict decoding error: unknown field "name"
         --> 4:1
          |
        4 | name: demo
          | ^^^^
          = 설명: `Pod`에는 `name` 필드가 없지만 바로 위의 `metadata`에는 있습니다. `metadata` 아래로 들여쓰세요.
    "#]],
    );
}
