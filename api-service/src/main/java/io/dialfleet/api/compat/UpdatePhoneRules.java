package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.ACTIVE;
import static io.dialfleet.api.compat.ApiParameter.ADMIN_USER_GROUP;
import static io.dialfleet.api.compat.ApiParameter.DELETE_VM_AFTER_EMAIL;
import static io.dialfleet.api.compat.ApiParameter.DIALPLAN_NUMBER;
import static io.dialfleet.api.compat.ApiParameter.EMAIL;
import static io.dialfleet.api.compat.ApiParameter.LOCAL_GMT;
import static io.dialfleet.api.compat.ApiParameter.OUTBOUND_ALT_CID;
import static io.dialfleet.api.compat.ApiParameter.OUTBOUND_CID;
import static io.dialfleet.api.compat.ApiParameter.PHONE_CONTEXT;
import static io.dialfleet.api.compat.ApiParameter.PHONE_FULL_NAME;
import static io.dialfleet.api.compat.ApiParameter.PHONE_LOGIN;
import static io.dialfleet.api.compat.ApiParameter.PHONE_PASS;
import static io.dialfleet.api.compat.ApiParameter.PHONE_RING_TIMEOUT;
import static io.dialfleet.api.compat.ApiParameter.PROTOCOL;
import static io.dialfleet.api.compat.ApiParameter.REGISTRATION_PASSWORD;
import static io.dialfleet.api.compat.ApiParameter.TEMPLATE_ID;
import static io.dialfleet.api.compat.ApiParameter.VOICEMAIL_ID;

import io.dialfleet.api.compat.FieldOutcome.Accept;
import io.dialfleet.api.compat.FieldOutcome.Ignore;
import io.dialfleet.api.compat.FieldOutcome.Reject;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.TemplateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * update_phone's field validation table (non-agent-api.md §6.2) in contract order. Each rule sees the value
 * uncut, and on success the value is cut to its column (D3) — except {@code phone_login}, cut before its check.
 */
@ApplicationScoped
class UpdatePhoneRules {

    /** The phone being updated and the request, as rules that look beyond their own value need them. */
    record Target(ApiCall call, String extension, String serverIp) {
    }

    @FunctionalInterface
    interface Check {
        Uni<FieldOutcome> apply(String value, Target target);
    }

    /**
     * @param width the column width values are cut to after passing; 0 for values that are never cut
     */
    record FieldRule(ApiParameter parameter, String column, String reason, int width, boolean cutBeforeCheck,
            Check check) {
    }

    private static final String REASON_PREFIX = "update_phone ";

    private final List<FieldRule> rules;

    UpdatePhoneRules(PhoneRepository phones, TemplateRepository templates) {
        this.rules = List.of(
                rule(LOCAL_GMT, "local_gmt", "YOU MUST USE A VALID TIMEZONE", 6,
                        sync(value -> TimezoneRule.isValid(value) ? accept(value) : reject(value))),
                rule(EMAIL, "email", "YOU MUST USE A VALID EMAIL", 100, blankOrLength(5, 300)),
                rule(PHONE_CONTEXT, "phone_context", "YOU MUST USE A VALID PHONE CONTEXT", 20, blankOrLength(2, 30)),
                rule(PHONE_FULL_NAME, "fullname", "YOU MUST USE A VALID PHONE NAME", 50, blankOrLength(2, 30)),
                rule(REGISTRATION_PASSWORD, "conf_secret", "YOU MUST USE A VALID REGISTRATION PASSWORD", 100,
                        blankOrLength(2, 30)),
                rule(PROTOCOL, "protocol", "YOU MUST USE A VALID PROTOCOL", 0,
                        sync(value -> OptionalFields.isProtocol(value) ? accept(value) : reject(value))),
                rule(PHONE_PASS, "pass", "YOU MUST USE A VALID PHONE PASSWORD", 100, length(2, 30)),
                new FieldRule(PHONE_LOGIN, "login", REASON_PREFIX + "LOGIN ALREADY EXISTS", 15, true,
                        (value, target) -> phones.loginHeldByOther(target.call().connection(), value,
                                        target.extension(), target.serverIp())
                                .map(held -> held ? reject(value) : accept(value))),
                rule(VOICEMAIL_ID, "voicemail_id", "YOU MUST USE A VALID VOICEMAIL NUMBER", 10, length(2, 30)),
                rule(DIALPLAN_NUMBER, "dialplan_number", "YOU MUST USE A VALID DIALPLAN NUMBER", 20, length(3, 30)),
                rule(ACTIVE, "active", "ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD", 0, yesOrNo()),
                rule(OUTBOUND_CID, "outbound_cid",
                        "OUTBOUND CID MUST BE FROM 6 TO 18 DIGITS, THIS IS AN OPTIONAL FIELD", 0, length(6, 18)),
                rule(ADMIN_USER_GROUP, "user_group",
                        "USER GROUP MUST BE FROM 2 TO 20 CHARACTERS, THIS IS AN OPTIONAL FIELD", 0, length(2, 20)),
                rule(OUTBOUND_ALT_CID, "outbound_alt_cid",
                        "OUTBOUND ALT CID MUST BE FROM 6 TO 18 DIGITS, THIS IS AN OPTIONAL FIELD", 0, length(6, 18)),
                rule(PHONE_RING_TIMEOUT, "phone_ring_timeout",
                        "PHONE RING TIMEOUT MUST BE FROM 2 TO 180 SECONDS, THIS IS AN OPTIONAL FIELD", 0,
                        UpdatePhoneRules::ringTimeout),
                rule(DELETE_VM_AFTER_EMAIL, "delete_vm_after_email",
                        "DELETE VOICEMAIL AFTER EMAIL MUST BE Y OR N, THIS IS AN OPTIONAL FIELD", 0, yesOrNo()),
                rule(TEMPLATE_ID, "template_id", "TEMPLATE ID DOES NOT EXIST, THIS IS AN OPTIONAL FIELD", 0,
                        (value, target) -> template(templates, value, target)));
    }

    List<FieldRule> rules() {
        return rules;
    }

    private static FieldRule rule(ApiParameter parameter, String column, String reason, int width, Check check) {
        return new FieldRule(parameter, column, REASON_PREFIX + reason, width, false, check);
    }

    private static Check sync(java.util.function.Function<String, FieldOutcome> check) {
        return (value, target) -> Uni.createFrom().item(check.apply(value));
    }

    private static Check length(int min, int max) {
        return sync(value -> value.length() >= min && value.length() <= max ? accept(value) : reject(value));
    }

    /** {@code --BLANK--} clears the column; anything else must have an acceptable length. */
    private static Check blankOrLength(int min, int max) {
        Check length = length(min, max);
        return (value, target) -> OptionalFields.BLANK.equals(value)
                ? Uni.createFrom().item(accept(""))
                : length.apply(value, target);
    }

    private static Check yesOrNo() {
        return sync(value -> "Y".equals(value) || "N".equals(value) ? accept(value) : reject(value));
    }

    /**
     * Compared as a number ({@code 045} is 45; a long digit string is simply above 180). Its error echoes the
     * request's {@code outbound_alt_cid}, not the timeout: VICIdial's quirk, part of the contract (U51, U52).
     */
    private static Uni<FieldOutcome> ringTimeout(String value, Target target) {
        String digits = value.replaceFirst("^0+(?=.)", "");
        boolean inRange = digits.length() <= 3 && Integer.parseInt(digits) >= 2 && Integer.parseInt(digits) <= 180;
        return Uni.createFrom().item(inRange
                ? accept(Integer.parseInt(digits))
                : reject(target.call().get(OUTBOUND_ALT_CID)));
    }

    /** Only from 2 characters; its error's DATA is {@code <phone_login>|<template_id>} (U63, U64). */
    private static Uni<FieldOutcome> template(TemplateRepository templates, String value, Target target) {
        if (!OptionalFields.templateGiven(value)) {
            return Uni.createFrom().item(new Ignore());
        }
        if (OptionalFields.clearsTemplate(value)) {
            return Uni.createFrom().item(accept(""));
        }
        String login = ColumnWidth.cut(target.call().get(PHONE_LOGIN), 15);
        return templates.exists(target.call().connection(), value)
                .map(exists -> exists ? accept(value) : reject(login + "|" + value));
    }

    private static FieldOutcome accept(Object stored) {
        return new Accept(stored);
    }

    private static FieldOutcome reject(String data) {
        return new Reject(data);
    }
}
