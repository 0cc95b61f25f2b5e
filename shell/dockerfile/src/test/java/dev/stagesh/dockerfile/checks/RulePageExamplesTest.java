package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.stagesh.dockerfile.checks.Checks.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ❌ and ✅ examples of the rule pages (docs.docker.com/reference/build-checks/, BuildKit's
 * {@code linter/docs}). Where a page's snippet is not a whole Dockerfile, a FROM is added around it.
 */
class RulePageExamplesTest {
    private static List<String> rules(String dockerfile) {
        return warnings(dockerfile).stream().map(w -> w.substring(w.indexOf(' ') + 1, w.indexOf(':'))).toList();
    }

    @Test
    void consistentInstructionCasing() {
        assertThat(warnings("From alpine\nRun echo hello > /greeting.txt\nEntRYpOiNT [\"cat\", \"/greeting.txt\"]\n"))
                .containsExactly(
                        "1 ConsistentInstructionCasing: Command 'From' should match the case of the command majority "
                                + "(uppercase)",
                        "2 ConsistentInstructionCasing: Command 'Run' should match the case of the command majority "
                                + "(uppercase)",
                        "3 ConsistentInstructionCasing: Command 'EntRYpOiNT' should match the case of the command "
                                + "majority (uppercase)");
        assertThat(warnings("FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]\n"))
                .isEmpty();
        assertThat(warnings("from alpine\nrun echo hello > /greeting.txt\nentrypoint [\"cat\", \"/greeting.txt\"]\n"))
                .isEmpty();
    }

    @Test
    void stageNames() {
        assertThat(rules("FROM debian:latest AS builder\nRUN apt-get update; apt-get install -y curl\n\n"
                + "FROM golang:latest AS builder\n")).containsExactly("DuplicateStageName");
        assertThat(rules("FROM debian:latest AS deb-builder\nRUN apt-get update; apt-get install -y curl\n\n"
                + "FROM golang:latest AS go-builder\n")).isEmpty();
        assertThat(rules("FROM alpine AS scratch\nFROM alpine AS context\n"))
                .containsExactly("ReservedStageName", "ReservedStageName");
        assertThat(rules("FROM alpine AS builder\n")).isEmpty();
        assertThat(rules("FROM alpine AS BuilderBase\n")).containsExactly("StageNameCasing");
        assertThat(rules("FROM alpine AS builder-base\n")).isEmpty();
        assertThat(rules("FROM debian:latest as builder\n")).containsExactly("FromAsCasing");
        assertThat(rules("FROM debian:latest AS deb-builder\n")).isEmpty();
        assertThat(rules("from debian:latest as deb-builder\n")).isEmpty();
    }

    @Test
    void expose() {
        assertThat(rules("FROM alpine\nEXPOSE 127.0.0.1:80:80\n")).containsExactly("ExposeInvalidFormat");
        assertThat(rules("FROM alpine\nEXPOSE 80:80\n")).containsExactly("ExposeInvalidFormat");
        assertThat(rules("FROM alpine\nEXPOSE 80\n")).isEmpty();
        assertThat(rules("FROM alpine\nEXPOSE 80/TcP\n")).containsExactly("ExposeProtoCasing");
        assertThat(rules("FROM alpine\nEXPOSE 80/tcp\n")).isEmpty();
    }

    @Test
    void platforms() {
        assertThat(rules("FROM --platform=linux/amd64 alpine AS base\nRUN apk add --no-cache git\n"))
                .containsExactly("FromPlatformFlagConstDisallowed");
        assertThat(rules("FROM alpine AS base\nRUN apk add --no-cache git\n")).isEmpty();
        assertThat(rules("FROM --platform=${BUILDPLATFORM} alpine AS base\nRUN apk add --no-cache git\n")).isEmpty();
        assertThat(rules("FROM --platform=linux/amd64 alpine AS build_amd64\nRUN true\n\n"
                + "FROM --platform=linux/arm64 alpine AS build_arm64\nRUN true\n\nFROM build_${TARGETARCH} AS build\n"
                + "RUN true\n")).isEmpty();
        assertThat(rules("FROM --platform=$TARGETPLATFORM alpine AS builder\nRUN apk add --no-cache git\n"))
                .containsExactly("RedundantTargetPlatform");
        assertThat(rules("FROM alpine AS builder\nRUN apk add --no-cache git\n")).isEmpty();
    }

    @Test
    void argsInFrom() {
        assertThat(rules("ARG TAG\nFROM busybox:${TAG}\n")).containsExactly("InvalidDefaultArgInFrom");
        assertThat(rules("ARG TAG=latest\nFROM busybox:${TAG}\n")).isEmpty();
        assertThat(rules("ARG VARIANT\nFROM busybox:stable${VARIANT}\n")).isEmpty();
        assertThat(rules("ARG TAG\nFROM alpine:${TAG:-3.14}\n")).isEmpty();
        assertThat(warnings("FROM node:22${VARIANT} AS jsbuilder\n"))
                .containsExactly("1 UndefinedArgInFrom: FROM argument 'VARIANT' is not declared");
        assertThat(rules("ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\n")).isEmpty();
    }

    @Test
    void definitionDescriptions() {
        String on = "# check=experimental=InvalidDefinitionDescription\n";
        assertThat(rules(on + "# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\n"
                + "ARG VERSION=1\n")).containsExactly("InvalidDefinitionDescription", "InvalidDefinitionDescription");
        // the page calls an empty line a separator, but BuildKit's parser keeps comments across blank lines (only
        // an empty '#' line resets them), so docker build --check does warn here; stagesh says what BuildKit says
        assertThat(rules(on + "# a non-descriptive comment\n\nFROM scratch AS base\n\n"
                + "# another non-descriptive comment\n\nARG VERSION=1\n"))
                .containsExactly("InvalidDefinitionDescription", "InvalidDefinitionDescription");
        assertThat(rules(on + "# a non-descriptive comment\n#\nFROM scratch AS base\n"
                + "# another non-descriptive comment\n#\nARG VERSION=1\n")).isEmpty();
        assertThat(rules(on + "# base is a stage for compiling source\nFROM scratch AS base\n"
                + "# VERSION This is the version number.\nARG VERSION=1\n")).isEmpty();
    }

    @Test
    void instructions() {
        assertThat(rules("FROM alpine\nENTRYPOINT my-program start\n")).containsExactly("JSONArgsRecommended");
        assertThat(rules("FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]\n")).isEmpty();
        assertThat(rules("FROM alpine\nRUN apk add bash\nCOPY --chmod=755 <<EOT /entrypoint.sh\n#!/usr/bin/env bash\n"
                + "set -e\nmy-background-process &\nmy-program start\nEOT\nENTRYPOINT [\"/entrypoint.sh\"]\n")).isEmpty();
        assertThat(rules("FROM alpine\nENV DEPS \\\n    curl \\\n    git \\\n    make\n"))
                .containsExactly("LegacyKeyValueFormat");
        assertThat(rules("FROM alpine\nENV DEPS=\"\\\n    curl \\\n    git \\\n    make\"\n")).isEmpty();
        assertThat(rules("FROM alpine\nMAINTAINER moby@example.com\n")).containsExactly("MaintainerDeprecated");
        assertThat(rules("FROM alpine\nLABEL org.opencontainers.image.authors=\"moby@example.com\"\n")).isEmpty();
        assertThat(rules("FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, "
                + "Sweden!\"]\n")).containsExactly("MultipleInstructionsDisallowed");
        // a HEALTHCHECK's CMD is not the image's CMD
        assertThat(rules("FROM python:alpine\nRUN apk add curl\nHEALTHCHECK --interval=1s --timeout=3s \\\n"
                + "  CMD [\"curl\", \"-f\", \"http://localhost:8080\"]\nCMD [\"python\", \"-m\", \"http.server\", "
                + "\"8080\"]\n")).isEmpty();
        assertThat(rules("FROM alpine\nEXPOSE \\\n\n80\n")).containsExactly("NoEmptyContinuation");
        assertThat(rules("FROM alpine\nEXPOSE \\\n# Port\n80\n")).isEmpty();
        assertThat(rules("FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n"))
                .containsExactly("WorkdirRelativePath");
        assertThat(rules("FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n")).isEmpty();
    }

    @Test
    void secrets() {
        assertThat(warnings("FROM alpine\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\n"
                + "RUN aws s3 cp s3://my-bucket/file .\n")).containsExactly(
                "2 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "
                        + "\"AWS_ACCESS_KEY_ID\")",
                "3 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "
                        + "\"AWS_SECRET_ACCESS_KEY\")");
        // ARGs before the first FROM are never dispatched, so BuildKit does not look at their names
        assertThat(rules("ARG AWS_SECRET_ACCESS_KEY\nFROM alpine\n")).isEmpty();
        assertThat(rules("FROM alpine\nRUN --mount=type=secret,id=aws_key_id,env=AWS_ACCESS_KEY_ID \\\n"
                + "    --mount=type=secret,id=aws_secret_key,env=AWS_SECRET_ACCESS_KEY \\\n"
                + "    aws s3 cp s3://my-bucket/file .\n")).isEmpty();
    }

    @Test
    void undefinedVar() {
        assertThat(rules("FROM alpine AS base\nCOPY $foo .\n")).containsExactly("UndefinedVar");
        assertThat(rules("FROM alpine AS base\nARG foo\nCOPY $foo .\n")).isEmpty();
        assertThat(rules("FROM alpine AS base\nARG VERSION=$foo\n")).containsExactly("UndefinedVar");
        // the base image's own environment defines it: known only when the image is
        BaseImages python = (ref, p) -> Optional.of(new BaseImages.Image(new Platform("linux", "amd64", ""),
                List.of("PATH=/usr/local/bin:/usr/bin", "PYTHON_VERSION=3.13.1"), List.of()));
        assertThat(Checks.warnings("FROM python AS base\nARG VERSION=$PYTHON_VERSION\n",
                CheckOptions.defaults().withImages(python))).isEmpty();
        assertThat(rules("FROM python AS base\nARG VERSION=$PYTHON_VERSION\n")).containsExactly("UndefinedVar");
    }
}
