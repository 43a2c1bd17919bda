//! The EBS volumes a module declares as one list: `aws_ebs_volume` resources, the
//! `root_block_device` and `ebs_block_device` blocks of instances and launch configurations,
//! and the `ebs` blocks of launch templates' block device mappings. A policy about volumes
//! visits them in one loop, without nesting a loop per resource type and block.

use super::terraform::{blocks, config_path, of_type};
use super::{arr, obj};
use regorus::Value;
use std::collections::BTreeMap;

/// One entry per volume, as `{"address", "path", "config"}`: `path` leads to the volume's
/// block (to the configuration of an `aws_ebs_volume`) and `config` is that block as written.
/// A block given as anything but a list of blocks is not a volume and is left out.
pub(super) fn volumes(by_type: &BTreeMap<Value, Vec<Value>>) -> Value {
    let mut out = Vec::new();
    let of = |ty| of_type(by_type, ty);
    for r in of("aws_ebs_volume") {
        add(&mut out, r, &r["config"], Vec::new());
    }
    for r in of("aws_instance").chain(of("aws_launch_configuration")) {
        for block in ["root_block_device", "ebs_block_device"] {
            for (i, device) in blocks(&r["config"][block]) {
                add(
                    &mut out,
                    r,
                    device,
                    vec![Value::from(block), Value::from(i)],
                );
            }
        }
    }
    for r in of("aws_launch_template") {
        for (i, mapping) in blocks(&r["config"]["block_device_mappings"]) {
            for (j, ebs) in blocks(&mapping["ebs"]) {
                let at = vec![
                    Value::from("block_device_mappings"),
                    Value::from(i),
                    Value::from("ebs"),
                    Value::from(j),
                ];
                add(&mut out, r, ebs, at);
            }
        }
    }
    arr(out)
}

/// The entry of the volume `config`, found at `at` in resource `r`'s configuration.
fn add(out: &mut Vec<Value>, r: &Value, config: &Value, at: Vec<Value>) {
    out.push(obj([
        ("address", r["address"].clone()),
        ("path", config_path(r, at)),
        ("config", config.clone()),
    ]));
}

#[cfg(test)]
mod tests {
    use crate::policy::terraform::document;

    const MODULE: &str = r#"
resource "aws_ebs_volume" "data" {
  size = 100
}

resource "aws_instance" "app" {
  root_block_device {
    encrypted = true
  }
  dynamic "ebs_block_device" {
    for_each = ["sdf", "sdg"]
    content {
      device_name = ebs_block_device.value
    }
  }
}

resource "aws_launch_configuration" "old" {
  root_block_device = var.root
}

resource "aws_launch_template" "web" {
  block_device_mappings {
    ebs {
      volume_size = 20
    }
  }
  block_device_mappings {
    device_name = "/dev/sdb"
  }
}
"#;

    #[test]
    fn volumes_of_every_resource_take_one_shape() {
        let module = document("m", &[("m/main.tf", MODULE)]).expect("a module");
        let json = |v: &regorus::Value| serde_json::to_string(v).expect("json");
        let summary: Vec<String> = module.doc["ebs_volumes"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| format!("{} {}", json(&v["path"]), json(&v["config"])))
            .collect();
        assert_eq!(
            summary,
            [
                r#"["resources","aws_ebs_volume.data","config"] {"size":100}"#,
                r#"["resources","aws_instance.app","config","root_block_device",0] {"encrypted":true}"#,
                // The dynamic block over a known list is two volumes, marked as expanded.
                r#"["resources","aws_instance.app","config","ebs_block_device",0] {"_dynamic":true,"device_name":"sdf"}"#,
                r#"["resources","aws_instance.app","config","ebs_block_device",1] {"_dynamic":true,"device_name":"sdg"}"#,
                // A value known only at plan time is no block; a mapping without `ebs` has none.
                r#"["resources","aws_launch_template.web","config","block_device_mappings",0,"ebs",0] {"volume_size":20}"#,
            ]
        );
    }
}
