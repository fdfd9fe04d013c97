package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.OUTBOUND_ALT_CID;

import io.dialfleet.api.compat.FieldOutcome.Accept;
import io.dialfleet.api.compat.FieldOutcome.Ignore;
import io.dialfleet.api.compat.FieldOutcome.Reject;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.TemplateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * update_phone's field validation (docs/spec/non-agent-api.md §6.2): the rules of {@link PhoneField#UPDATE_CHECKS} applied
 * in order to the values sent. Each rule sees its value uncut, and on success the value is cut to its column (D3)
 * — except {@code phone_login}, cut before its check, which compares it with stored logins.
 */
@ApplicationScoped
class UpdatePhoneRules {

    /** The phone being updated and the request, as rules that look beyond their own value need them. */
    record Target(ApiCall call, String extension, String serverIp) {
    }

    /** Either the first rejection's reply, or the columns every sent value passed for (in rule order). */
    record Validation(Reply rejection, Map<String, Object> columns) {
    }

    private static final String REASON_PREFIX = "update_phone ";

    private final PhoneRepository phones;
    private final TemplateRepository templates;

    UpdatePhoneRules(PhoneRepository phones, TemplateRepository templates) {
        this.phones = phones;
        this.templates = templates;
    }

    Uni<Validation> validate(Target target) {
        return validate(target, PhoneField.UPDATE_CHECKS, 0, new LinkedHashMap<>());
    }

    /** Applies the rules one after another; the first rejection answers. */
    private Uni<Validation> validate(Target target, List<PhoneField> fields, int index, Map<String, Object> columns) {
        if (index == fields.size()) {
            return Uni.createFrom().item(new Validation(null, columns));
        }
        PhoneField field = fields.get(index);
        String sent = target.call().get(field.parameter());
        if (sent.isEmpty()) {
            return validate(target, fields, index + 1, columns);
        }
        String value = field.update().kind() == UpdateRule.Kind.LOGIN_FREE ? field.cut(sent) : sent;
        return check(field, value, target).chain(outcome -> {
            if (outcome instanceof Reject rejection) {
                return Uni.createFrom().item(new Validation(Replies.error(REASON_PREFIX + field.update().reason(),
                        target.call().user(), rejection.data()).loggingData(field.logged(rejection.data())), null));
            }
            if (outcome instanceof Accept accepted) {
                columns.put(field.column(), accepted.stored() instanceof String text ? field.cut(text)
                        : accepted.stored());
            }
            return validate(target, fields, index + 1, columns);
        });
    }

    private Uni<FieldOutcome> check(PhoneField field, String value, Target target) {
        UpdateRule rule = field.update();
        return switch (rule.kind()) {
            case TIMEZONE -> decided(TimezoneRule.isValid(value), value);
            case BLANK_OR_LENGTH -> OptionalFields.BLANK.equals(value)
                    ? Uni.createFrom().item(new Accept(""))
                    : decided(rule.lengthFits(value), value);
            case LENGTH -> decided(rule.lengthFits(value), value);
            case PROTOCOL -> decided(OptionalFields.isProtocol(value), value);
            case Y_OR_N -> decided("Y".equals(value) || "N".equals(value), value);
            case LOGIN_FREE -> phones.loginHeldByOther(target.call().connection(), value, target.extension(),
                    target.serverIp()).map(held -> held ? new Reject(value) : new Accept(value));
            case RING_TIMEOUT -> Uni.createFrom().item(ringTimeout(value, target));
            case TEMPLATE -> template(value, target);
            case FLAG, KEY -> throw new IllegalArgumentException(field + " is not one of update_phone's checks");
        };
    }

    private static Uni<FieldOutcome> decided(boolean passes, String value) {
        return Uni.createFrom().item(passes ? new Accept(value) : new Reject(value));
    }

    /**
     * Compared as a number ({@code 045} is 45; a long digit string is simply above 180). Its error echoes the
     * request's {@code outbound_alt_cid}, not the timeout: VICIdial's quirk, part of the contract (U51, U52).
     */
    private static FieldOutcome ringTimeout(String value, Target target) {
        String digits = value.replaceFirst("^0+(?=.)", "");
        boolean inRange = digits.length() <= 3 && Integer.parseInt(digits) >= 2 && Integer.parseInt(digits) <= 180;
        return inRange ? new Accept(Integer.parseInt(digits)) : new Reject(target.call().get(OUTBOUND_ALT_CID));
    }

    /** Only from 2 characters; its error's DATA is {@code <phone_login>|<template_id>} (U63, U64). */
    private Uni<FieldOutcome> template(String value, Target target) {
        if (!OptionalFields.templateGiven(value)) {
            return Uni.createFrom().item(new Ignore());
        }
        if (OptionalFields.clearsTemplate(value)) {
            return Uni.createFrom().item(new Accept(""));
        }
        String login = PhoneField.PHONE_LOGIN.cut(target.call().get(PhoneField.PHONE_LOGIN.parameter()));
        return templates.exists(target.call().connection(), value)
                .map(exists -> exists ? new Accept(value) : new Reject(login + "|" + value));
    }
}
