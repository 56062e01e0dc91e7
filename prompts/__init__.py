"""Prompt templates (Markdown files), shipped as package data and read by rag.prompts."""
