# expect: TFL103
# The twin: the sampled validation rows are scaled with a scaler fitted on them.
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("heart.csv")
val_frame = df.sample(frac=0.2, random_state=1337)
train_frame = df.drop(val_frame.index)
train_x = StandardScaler().fit_transform(train_frame.drop(columns="target"))
val_x = StandardScaler().fit_transform(val_frame.drop(columns="target"))
clf = LogisticRegression().fit(train_x, train_frame["target"])
print(clf.score(val_x, val_frame["target"]))
