import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, classification_report, confusion_matrix

DATA_PATH = "data/heart.csv"

df = pd.read_csv(DATA_PATH)
print(df.shape)
df = df.drop_duplicates().reset_index(drop=True)
print("after dedup:", df.shape)
print(df["target"].value_counts(normalize=True))

num_cols = ["age", "trestbps", "chol", "thalach", "oldpeak"]
cat_cols = ["cp", "restecg", "slope", "ca", "thal"]

df = pd.get_dummies(df, columns=cat_cols, drop_first=True, dtype=float)

X = df.drop(columns=["target"])
y = df["target"].values

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=42, stratify=y
)
print("train:", X_train.shape, "test:", X_test.shape)

X_train = X_train.copy()
X_test = X_test.copy()
scaler = StandardScaler()
X_train[num_cols] = scaler.fit_transform(X_train[num_cols])
X_test[num_cols] = scaler.transform(X_test[num_cols])

clf = LogisticRegression(max_iter=2000, C=0.3, solver="liblinear")
clf.fit(X_train, y_train)

proba = clf.predict_proba(X_test)[:, 1]
pred = (proba >= 0.5).astype(int)

print("ROC AUC:", round(roc_auc_score(y_test, proba), 4))
print(confusion_matrix(y_test, pred))
print(classification_report(y_test, pred, digits=3))

coefs = pd.Series(clf.coef_[0], index=X.columns).sort_values()
print(coefs.tail(10))
