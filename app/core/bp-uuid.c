/* placeholder until the module lands */
typedef int bp_placeholder_bp_uuid;
